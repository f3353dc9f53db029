package vn.phoihop.unit.activity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Digests that make retries safe without a lookup table: an activity's id derived from the caller and its
 * {@code Idempotency-Key} (so a retry lands on the same document, and a second insert collides), and a fingerprint
 * of a request (so a repeat is told from a different request under the same key).
 */
public final class Idempotency {

    private Idempotency() {
    }

    /** An id for the activity a caller creates under {@code key}: the same caller and key, the same id. */
    public static String activityId(String subject, String key) {
        return "k" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(subject + "\u0000" + key));
    }

    /** The key of a batch's item: {@code #} cannot occur in a header key, so no single request can take it. */
    public static String itemKey(String batchKey, int index) {
        return batchKey + "#" + index;
    }

    /** Where a request made with {@code key} is recorded in the activity: per caller, safe as a field name. */
    public static String requestSlot(String subject, String key) {
        return HexFormat.of().formatHex(sha256(subject + "\u0000" + key)).substring(0, 40);
    }

    public static String fingerprint(NewActivity a) {
        return digest(a.id(), a.programId(), a.unitId(), String.valueOf(a.coUnitIds()), a.type().name(),
                a.occurredOn().toString(), a.title(), a.description(), canonical(a.metrics()));
    }

    /** A fingerprint of a change request: what it is and its fields, in a fixed order. */
    public static String digest(Object... parts) {
        var text = new StringBuilder();
        for (Object part : parts) {
            text.append(part).append('\u0000');
        }
        return HexFormat.of().formatHex(sha256(text.toString()));
    }

    /**
     * The figures as text for a fingerprint: each as the double it is closest to prints, which is how fingerprints were
     * made before figures were decimals, so a request stored then and retried now is still the same request. No two
     * allowed figures (at most 13 significant digits) share a double, so nothing else becomes the same request.
     */
    public static String canonical(Map<String, BigDecimal> metrics) {
        if (metrics == null) {
            return "null";
        }
        var text = new TreeMap<String, String>();
        metrics.forEach((code, value) -> text.put(code, value == null ? "null" : Double.toString(value.doubleValue())));
        return text.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
