package vn.phoihop.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The browser's only credential: {@code __Host-phoihop-session}, 256 random bits. The database keys a session by a
 * hash of it and encrypts the tokens under a key derived from it, so a dump of the database opens no session.
 * {@code __Host-} pins it to this host, {@code Path=/}, {@code Secure}; browsers accept {@code Secure} cookies on
 * {@code http://localhost} and {@code http://127.0.0.1}, and production runs behind HTTPS.
 */
final class SessionCookie {

    static final String NAME = "__Host-phoihop-session";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionCookie() {
    }

    static String newValue() {
        return random();
    }

    /** 256 random bits, base64url: cookie values, CSRF tokens, states, nonces. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Only a value of the shape we issue: anything else is no session, without a database lookup. */
    static String valueOf(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        if (cookie == null) {
            return null;
        }
        String value = cookie.getValue();
        return value.matches("[A-Za-z0-9_-]{43}") ? value : "";
    }

    static boolean present(ServerHttpRequest request) {
        return request.getCookies().getFirst(NAME) != null;
    }

    /** The session's id in the database. */
    static String id(String value) {
        return sha256("session-id:" + value);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResponseCookie set(String value) {
        return ResponseCookie.from(NAME, value).path("/").httpOnly(true).secure(true).sameSite("Strict").build();
    }

    static ResponseCookie cleared() {
        return ResponseCookie.from(NAME, "").path("/").httpOnly(true).secure(true).sameSite("Strict").maxAge(0).build();
    }
}
