package vn.phoihop.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Forged JSON Web Tokens, made by hand as an attacker would: every one of them must be refused. */
final class Jwts {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    static JsonNode header(String part) {
        return Gateway.JSON.readTree(decode(part));
    }

    static String encode(JsonNode json) {
        return URL.encodeToString(Gateway.JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode withClaim(JsonNode claims, String name, String value) {
        ObjectNode copy = ((ObjectNode) claims).deepCopy();
        copy.put(name, value);
        return copy;
    }

    /** {@code alg: none} and an empty signature. */
    static String unsigned(JsonNode claims) {
        return encode(Gateway.JSON.createObjectNode().put("alg", "none").put("typ", "JWT")) + "." + encode(claims) + ".";
    }

    /** The algorithm-confusion attack: HS256 with the server's public key (here its JWKS document) as the secret. */
    static String hs256(JsonNode claims, String publicKey) throws GeneralSecurityException {
        String signed = encode(Gateway.JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT")) + "." + encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + URL.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Properly signed RS256, with the server's key id, by a key the server never made. */
    static String rs256WithAFreshKey(JsonNode claims, String kid) throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var keys = generator.generateKeyPair();
        String signed = encode(Gateway.JSON.createObjectNode().put("alg", "RS256").put("kid", kid)) + "." + encode(claims);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + URL.encodeToString(rsa.sign());
    }
}
