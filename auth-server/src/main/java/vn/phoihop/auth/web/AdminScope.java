package vn.phoihop.auth.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.auth.unit.UnitTree;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.security.Role;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/**
 * What an administrator may grant and manage, bounded by its own token (ADR 0010). A national one (no {@code unitId})
 * any unit and agency; a scoped one its unit's subtree and its own agency. Nobody grants a permission it lacks, nor a
 * role (ADMIN holds every role's rights). Accounts outside the subtree are not shown to a scoped one at all.
 */
public final class AdminScope {

    private final Caller caller;
    private final UnitTree units;

    private AdminScope(Caller caller, UnitTree units) {
        this.caller = caller;
        this.units = units;
    }

    public static AdminScope of(Jwt token, UnitTree units) {
        return new AdminScope(Caller.of(token), units);
    }

    /** A 403 listing each part of {@code profile} the caller does not hold. */
    public void requireGrantable(ClientProfile profile) {
        var errors = new ArrayList<FieldError>();
        List<String> roles = profile.roles();
        for (int i = 0; i < roles.size(); i++) {
            if (!caller.has(Role.ADMIN) && !caller.has(Role.valueOf(roles.get(i)))) {
                errors.add(new FieldError("roles[" + i + "]", "is not a role you hold"));
            }
        }
        List<String> permissions = profile.permissions();
        for (int i = 0; i < permissions.size(); i++) {
            if (!caller.permissions().contains(permissions.get(i))) {
                errors.add(new FieldError("permissions[" + i + "]", "is not a permission you hold"));
            }
        }
        if (!caller.isNational()) {
            if (!units.isWithin(profile.unitId(), caller.unitId())) {
                errors.add(new FieldError("unitId", "must be your unit " + caller.unitId() + " or a unit below it"
                        + " (a unit created a moment ago is known here within seconds)"));
            }
            if (!profile.agency().equals(caller.agency())) {
                errors.add(new FieldError("agency", "must be your own agency, " + caller.agency()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "No one may grant more than they hold",
                    errors);
        }
    }

    /** Whether the account with {@code profile} is inside the caller's scope: shown, and deletable. */
    public boolean manages(ClientProfile profile) {
        return caller.isNational() || profile.unitId() != null && units.isWithin(profile.unitId(), caller.unitId());
    }

    /** The units whose accounts a list may show; {@code null}: every one. */
    public Set<String> units() {
        return caller.isNational() ? null : units.subtree(caller.unitId());
    }
}
