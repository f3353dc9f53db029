package vn.phoihop.auth.token;

import java.util.LinkedHashSet;
import java.util.Iterator;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring's in-memory authorization store, capped: it keeps every issued token forever, so a client
 * asking for tokens in a loop would exhaust the heap. Access tokens are self-contained JWTs checked
 * by signature, so forgetting the oldest records only affects introspection and revocation of old
 * tokens. (A MongoDB store with a TTL replaces this when accounts move there.)
 */
public final class BoundedAuthorizations implements OAuth2AuthorizationService {

    private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
    private final LinkedHashSet<String> idsOldestFirst = new LinkedHashSet<>();
    private final int max;

    public BoundedAuthorizations(int max) {
        this.max = max;
    }

    @Override
    public synchronized void save(OAuth2Authorization authorization) {
        delegate.save(authorization);
        idsOldestFirst.add(authorization.getId());
        Iterator<String> oldest = idsOldestFirst.iterator();
        while (idsOldestFirst.size() > max) {
            OAuth2Authorization evicted = delegate.findById(oldest.next());
            oldest.remove();
            if (evicted != null) {
                delegate.remove(evicted);
            }
        }
    }

    @Override
    public synchronized void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
        idsOldestFirst.remove(authorization.getId());
    }

    @Override
    public synchronized OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public synchronized OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return delegate.findByToken(token, tokenType);
    }

    synchronized int size() {
        return idsOldestFirst.size();
    }
}
