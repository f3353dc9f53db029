package vn.phoihop.gateway.session;

import java.util.Arrays;
import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The session cookie and the CSRF token are the gateway's alone: they are taken out of every routed request, to a
 * service or to auth-server's pages, so no other process can log or replay them. A service gets the person's bearer
 * token instead ({@link SessionRelay}); other cookies pass.
 */
final class SessionHeaders implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders kept = new HttpHeaders();
        input.forEach((name, values) -> {
            if (name.equalsIgnoreCase(SessionRelay.CSRF_HEADER)) {
                return;
            }
            if (name.equalsIgnoreCase(HttpHeaders.COOKIE)) {
                List<String> others = values.stream().flatMap(line -> Arrays.stream(line.split(";")))
                        .map(String::trim)
                        .filter(pair -> !pair.isEmpty() && !pair.startsWith(SessionCookie.NAME + "="))
                        .toList();
                if (!others.isEmpty()) {
                    kept.add(name, String.join("; ", others));
                }
                return;
            }
            kept.addAll(name, values);
        });
        return kept;
    }
}
