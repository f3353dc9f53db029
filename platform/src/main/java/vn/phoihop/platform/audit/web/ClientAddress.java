package vn.phoihop.platform.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a request came from, for the audit log. Behind the gateway the TCP peer is the gateway itself; the
 * gateway drops any {@code X-Forwarded-For} a client sent and sets its own with the peer it saw, so the last
 * element of that header is the client. Without the header (a call straight to the service) it is the peer.
 */
public final class ClientAddress {

    public static final String HEADER = "X-Forwarded-For";
    // an IPv4 or IPv6 address (possibly bracketed, with a zone or port), never free text
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.\\[\\]%]{2,64}");

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        String forwarded = request.getHeader(HEADER);
        if (forwarded != null) {
            String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
            if (ADDRESS.matcher(last).matches()) {
                return last;
            }
        }
        return request.getRemoteAddr();
    }

    /** The address of the request being served on this thread, or {@code null} outside one. */
    public static String current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? of(attributes.getRequest()) : null;
    }
}
