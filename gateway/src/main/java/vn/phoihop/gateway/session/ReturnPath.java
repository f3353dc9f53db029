package vn.phoihop.gateway.session;

import java.net.URI;

/**
 * Where the browser lands after signing in: a path on this origin, starting with a single {@code /}. Anything else
 * (an absolute URL, {@code //host}, {@code /\host}, control characters, something that does not parse) is {@code /},
 * so the sign-in can never be used to send a person to another site.
 */
final class ReturnPath {

    static final int MAX_LENGTH = 2048;

    private ReturnPath() {
    }

    static String of(String requested) {
        if (requested == null || requested.isEmpty() || requested.length() > MAX_LENGTH
                || !requested.startsWith("/") || requested.startsWith("//") || requested.startsWith("/\\")
                || requested.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            return "/";
        }
        try {
            URI uri = new URI(requested);
            return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/") ? requested : "/";
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
    }
}
