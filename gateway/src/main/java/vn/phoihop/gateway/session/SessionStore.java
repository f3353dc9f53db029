package vn.phoihop.gateway.session;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions and sign-ins in progress, in the gateway's MongoDB, so any gateway instance serves them and a restart
 * signs nobody out.
 *
 * <ul>
 *   <li>{@code web_sessions}: {@code {_id: hash of the cookie, subject, roles, agency, unitId, permissions, tokens:
 *       sealed, accessExpiresAt, version, csrfToken, createdAt, lastSeenAt, absoluteExpiresAt, expiresAt}}</li>
 *   <li>{@code web_logins}: {@code {_id: hash of the state, nonce, codeVerifier, redirectUri, returnPath,
 *       expiresAt}}, taken (deleted) by the callback: a state is good once</li>
 * </ul>
 * Both have a TTL index on {@code expiresAt}; expiry is also checked on every read, as a TTL index removes
 * documents only about once a minute (and the embedded test server not at all).
 */
final class SessionStore {

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> logins;
    private final Duration idleTimeout;

    SessionStore(MongoDatabase database, Duration idleTimeout) {
        this.sessions = database.getCollection("web_sessions");
        this.logins = database.getCollection("web_logins");
        this.idleTimeout = idleTimeout;
    }

    private volatile boolean indexed;

    /**
     * The TTL indexes, made with the first write rather than at start: the gateway starts and serves bearer
     * tokens and the live stream while MongoDB is still down.
     */
    private void ensureIndexes() {
        if (!indexed) {
            var ttl = new IndexOptions().expireAfter(0L, TimeUnit.SECONDS);
            sessions.createIndex(Indexes.ascending("expiresAt"), ttl);
            logins.createIndex(Indexes.ascending("expiresAt"), ttl);
            indexed = true;
        }
    }

    /** A sign-in between {@code /auth/sign-in} and {@code /auth/callback}. */
    record Login(String state, String nonce, String codeVerifier, String redirectUri, String returnPath,
            Instant expiresAt) {
        @Override
        public String toString() {
            return "Login[returnPath=" + returnPath + ", expiresAt=" + expiresAt + "]";
        }
    }

    void saveLogin(Login login) {
        ensureIndexes();
        logins.insertOne(new Document("_id", SessionCookie.sha256("state:" + login.state()))
                .append("nonce", login.nonce()).append("codeVerifier", login.codeVerifier())
                .append("redirectUri", login.redirectUri()).append("returnPath", login.returnPath())
                .append("expiresAt", Date.from(login.expiresAt())));
    }

    Optional<Login> takeLogin(String state, Instant now) {
        Document d = logins.findOneAndDelete(eq("_id", SessionCookie.sha256("state:" + state)));
        if (d == null || !d.getDate("expiresAt").toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Login(state, d.getString("nonce"), d.getString("codeVerifier"),
                d.getString("redirectUri"), d.getString("returnPath"), d.getDate("expiresAt").toInstant()));
    }

    void insert(String cookieValue, PersonSession session) {
        ensureIndexes();
        sessions.insertOne(document(cookieValue, session));
    }

    /** The session of this cookie, if it exists and has not expired. */
    Optional<PersonSession> find(String cookieValue, Instant now) {
        Document d = sessions.find(eq("_id", SessionCookie.id(cookieValue))).first();
        if (d == null || !d.getDate("expiresAt").toInstant().isAfter(now)) {
            return Optional.empty();
        }
        String[] tokens;
        try {
            tokens = TokenCipher.open(cookieValue, d.getString("tokens")).split("\n", -1);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.warn("A session's tokens do not decrypt; the session is ended");
            delete(cookieValue);
            return Optional.empty();
        }
        return Optional.of(new PersonSession(d.getString("_id"), d.getString("subject"), d.getList("roles", String.class),
                d.getString("agency"), d.getString("unitId"), d.getList("permissions", String.class),
                new PersonSession.Tokens(tokens[0], d.getDate("accessExpiresAt").toInstant(), tokens[1], tokens[2]),
                d.getInteger("version", 0), d.getString("csrfToken"), d.getDate("createdAt").toInstant(),
                d.getDate("lastSeenAt").toInstant(), d.getDate("absoluteExpiresAt").toInstant()));
    }

    /** Keeps an idle session alive. */
    void touch(PersonSession session) {
        sessions.updateOne(eq("_id", session.id()), Updates.combine(
                Updates.set("lastSeenAt", Date.from(session.lastSeenAt())),
                Updates.set("expiresAt", Date.from(session.expiresAt(idleTimeout)))));
    }

    /** Replaces the tokens if no one else did since {@code previousVersion}; false if someone did. */
    boolean replaceTokens(String cookieValue, int previousVersion, PersonSession refreshed) {
        var updated = document(cookieValue, refreshed);
        updated.remove("_id");
        updated.remove("createdAt");
        return sessions.updateOne(and(eq("_id", refreshed.id()), eq("version", previousVersion)),
                new Document("$set", updated)).getModifiedCount() == 1;
    }

    void delete(String cookieValue) {
        sessions.deleteOne(eq("_id", SessionCookie.id(cookieValue)));
    }

    private Document document(String cookieValue, PersonSession s) {
        var tokens = s.tokens();
        String plain = String.join("\n", tokens.access(), nullToEmpty(tokens.refresh()), nullToEmpty(tokens.id()));
        return new Document("_id", s.id()).append("subject", s.subject()).append("roles", s.roles())
                .append("agency", s.agency()).append("unitId", s.unitId()).append("permissions", s.permissions())
                .append("tokens", TokenCipher.seal(cookieValue, plain))
                .append("accessExpiresAt", Date.from(tokens.accessExpiresAt())).append("version", s.version())
                .append("csrfToken", s.csrfToken()).append("createdAt", Date.from(s.createdAt()))
                .append("lastSeenAt", Date.from(s.lastSeenAt()))
                .append("absoluteExpiresAt", Date.from(s.absoluteExpiresAt()))
                .append("expiresAt", Date.from(s.expiresAt(idleTimeout)));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
