package vn.phoihop.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * Turns the web app's session cookie into the person's bearer token on {@code /api/**}, before Spring Security
 * checks it, so everything after (roles, unit scope, the stream's scoping, rate limits per subject) works as for any
 * token. A request that brings its own {@code Authorization} is left alone: the cookie is ignored then. Writes need
 * the session's CSRF token in {@code X-CSRF-Token}, and an {@code Origin}, when sent, must be this origin. The
 * cookie itself is not passed on ({@link SessionHeaders}).
 */
final class SessionRelay implements WebFilter, Ordered {

    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_EXPIRED = "https://phoihop.vn/problems/session-expired";
    private static final List<HttpMethod> SAFE = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Sessions sessions;
    private final Origins origins;

    SessionRelay(Sessions sessions, Origins origins) {
        this.sessions = sessions;
        this.origins = origins;
    }

    /** After CORS (-200), before Spring Security (-100), which then checks the relayed token. */
    @Override
    public int getOrder() {
        return -150;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/api/") || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || !SessionCookie.present(request)) {
            return chain.filter(exchange);
        }
        String cookie = SessionCookie.valueOf(request);
        return sessions.use(cookie)
                .flatMap(session -> {
                    if (!SAFE.contains(request.getMethod()) && !writeAllowed(exchange, session)) {
                        return Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN,
                                "A write with the session cookie needs the session's " + CSRF_HEADER
                                        + " header, from this origin");
                    }
                    return chain.filter(exchange.mutate().request(r -> r.headers(headers ->
                            headers.setBearerAuth(session.tokens().access()))).build());
                })
                .onErrorResume(Sessions.Ended.class, e -> expired(exchange))
                .onErrorResume(Sessions.Unavailable.class, e -> Problems.write(exchange.getResponse(),
                        HttpStatus.SERVICE_UNAVAILABLE, "Your session cannot be renewed now: try again shortly"));
    }

    /** The CSRF token matches (in constant time) and an {@code Origin}, if any, is ours. */
    boolean writeAllowed(ServerWebExchange exchange, PersonSession session) {
        String sent = exchange.getRequest().getHeaders().getFirst(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8)) && origins.sameOrigin(exchange);
    }

    static Mono<Void> expired(ServerWebExchange exchange) {
        exchange.getResponse().addCookie(SessionCookie.cleared());
        return Problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, SESSION_EXPIRED,
                "Your session has ended: sign in again at /auth/sign-in");
    }
}
