package vn.phoihop.unit.activity.web;

import org.springframework.security.oauth2.jwt.Jwt;
import vn.phoihop.unit.activity.Actor;
import vn.phoihop.unit.activity.Agency;

/** The actor a token describes: auth-server's {@code agency} and {@code unitId} claims. */
final class Actors {

    private Actors() {
    }

    static Actor of(Jwt token) {
        Object unitId = token.getClaims().get("unitId");
        return new Actor(token.getSubject(), Agency.ofClaim(token.getClaims().get("agency")),
                unitId instanceof String id && !id.isBlank() ? id : null);
    }
}
