package vn.phoihop.auth.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a client is inside phoihop: the attributes that become token claims and that every service
 * checks. Plain data, so accounts can later be stored anywhere (MongoDB) without touching tokens.
 *
 * @param roles {@code ADMIN}, {@code PROGRAM_MANAGER}, {@code UNIT_OFFICER}, {@code VIEWER}, {@code PARTNER}
 * @param agency {@code POLICE} (Công an), {@code FRONT} (Mặt trận Tổ quốc) or {@code OTHER}
 * @param unitId the unit whose subtree the client may see; {@code null} means national scope
 * @param permissions fine-grained rights beyond the role, e.g. {@code pii:read}
 */
public record ClientProfile(List<String> roles, String agency, String unitId, List<String> permissions) {

    public ClientProfile {
        roles = List.copyOf(roles);
        permissions = List.copyOf(permissions);
    }

    /** The claims this profile adds to an access token; no {@code unitId} claim means national scope. */
    public Map<String, Object> claims() {
        var claims = new LinkedHashMap<String, Object>();
        claims.put("roles", roles);
        claims.put("agency", agency);
        if (unitId != null) {
            claims.put("unitId", unitId);
        }
        claims.put("permissions", permissions);
        return claims;
    }
}
