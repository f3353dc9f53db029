package vn.phoihop.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

    /** Expired {@code secondsAgo}; validation allows 60 s of clock skew. */
    public String expiredSecondsAgo(long secondsAgo) {
        Instant expiry = Instant.now().minusSeconds(secondsAgo);
        return with(c -> c.issueTime(Date.from(expiry.minus(Duration.ofMinutes(15)))).expirationTime(Date.from(expiry)));
    }

    public String notYetValid() {
        return with(c -> c.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))));
    }

    public String withoutAudience() {
        return with(c -> c.audience((List<String>) null));
    }

    /** The key confusion attack: HS256 with the published RSA public key as the HMAC secret. */
    public String hmacSignedWithThePublicKey() {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).build(), base().build());
            jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was changed afterwards (roles raised), keeping the signature. */
    public String tamperedPayload() {
        String[] parts = with(c -> c.claim("roles", List.of("VIEWER"))).split("\\.");
        String raised = base().claim("roles", List.of("ADMIN")).build().toString();
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(raised.getBytes(StandardCharsets.UTF_8));
        return String.join(".", parts);
    }

    /** Signed with a key whose {@code kid} the JWKS does not publish. */
    public String unknownKeyId() {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("other-key").build(), base().build());
            jwt.sign(new RSASSASigner(impostor));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
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
