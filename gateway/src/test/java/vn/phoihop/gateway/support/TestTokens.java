package vn.phoihop.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Mints tokens as the auth-server would, with a key of the test's own, and the bad kinds too. */
public final class TestTokens {

    public static final String ISSUER = "http://issuer.test:9000";
    private static final String KID = "test-key";

    private final RSAKey key = generate();
    private final RSAKey impostor = generate(); // same kid, other key

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String valid() {
        return sign(key, claims -> claims);
    }

    public String with(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change);
    }

    public String expired() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        return with(c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))));
    }

    public String wrongIssuer() {
        return with(c -> c.issuer("http://evil.test"));
    }

    public String wrongAudience() {
        return with(c -> c.audience("somebody-else"));
    }

    public String signedByAnotherKey() {
        return sign(impostor, claims -> claims);
    }

    public String unsigned() {
        return new PlainJWT(base().build()).serialize();
    }

    private static JWTClaimsSet.Builder base() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("admin")
                .audience(List.of("phoihop"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of("ADMIN"))
                .claim("agency", "OTHER")
                .claim("permissions", List.of("pii:read"));
    }

    private static String sign(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).build(),
                    change.apply(base()).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(KID).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
