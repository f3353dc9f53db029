package vn.phoihop.platform.security;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A request rule for what concerns the whole country (the audit log, signing keys, rebuilding progress): role ADMIN
 * and no {@code unitId} claim. An admin bound to a unit has the role but not the country.
 */
public final class NationalAdmin implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext request) {
        return new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
                && token.isAuthenticated() && is(Caller.of(token.getToken())));
    }

    public static boolean is(Caller caller) {
        return caller.has(Role.ADMIN) && caller.isNational();
    }
}
