package vn.phoihop.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,} and the Base64 HMAC-SHA256 of {@code id.timestamp.body} under each
 * secret that still signs, space-separated (the newest first), so a partner that knows either secret can verify.
 */
final class Signatures {

    private Signatures() {
    }

    static String header(List<SigningSecret> secrets, String messageId, long timestamp, String body, Instant now) {
        return secrets.stream().filter(secret -> secret.signsAt(now))
                .map(secret -> "v1," + sign(secret.key(), messageId, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(byte[] key, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
