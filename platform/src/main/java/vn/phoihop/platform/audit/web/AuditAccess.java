package vn.phoihop.platform.audit.web;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import vn.phoihop.platform.security.NationalAdmin;

/**
 * Who may read the audit log: a national ADMIN (role ADMIN, no {@code unitId} claim). An admin bound to a unit
 * would otherwise see the whole country's trail, which its scope does not cover.
 */
public final class AuditAccess implements AuthorizationManager<RequestAuthorizationContext> {

    public static final String[] PATHS = {AuditFilter.AUDIT_PATH, AuditFilter.AUDIT_PATH + "/**"};
    private static final NationalAdmin NATIONAL_ADMIN = new NationalAdmin();

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext request) {
        return NATIONAL_ADMIN.authorize(authentication, request);
    }
}
