package vn.phoihop.gateway.session;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.gateway.problem.Problems;

/**
 * Sign-in for the web app at {@code /auth/**} (the contract is in docs/security.md, "Web sessions (BFF)"): start
 * the authorization code flow, finish it at the callback with a session cookie, tell the app who is signed in, and
 * sign out.
 */
@RestController
class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SessionProperties properties;
    private final SessionStore store;
    private final Sessions sessions;
    private final AuthServerClient authServer;
    private final SessionRelay relay;
    private final Origins origins;

    SessionController(SessionProperties properties, SessionStore store, Sessions sessions, AuthServerClient authServer,
            SessionRelay relay, Origins origins) {
        this.properties = properties;
        this.store = store;
        this.sessions = sessions;
        this.authServer = authServer;
        this.relay = relay;
        this.origins = origins;
    }

    @GetMapping("/auth/sign-in")
    Mono<Void> signIn(@RequestParam(name = "return", required = false) String returnTo, ServerWebExchange exchange) {
        if (!properties.enabled()) {
            return notConfigured(exchange);
        }
        String redirectUri = origins.of(exchange) + "/auth/callback";
        var start = authServer.start(redirectUri);
        var login = new SessionStore.Login(start.state(), start.nonce(), start.codeVerifier(), redirectUri,
                ReturnPath.of(returnTo), sessions.now().plus(properties.loginTimeout()));
        return Mono.fromRunnable(() -> store.saveLogin(login)).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.defer(() -> {
                    ServerHttpResponse response = exchange.getResponse();
                    response.setStatusCode(HttpStatus.FOUND);
                    response.getHeaders().setLocation(URI.create(start.location()));
                    response.getHeaders().setCacheControl(CacheControl.noStore());
                    return response.setComplete();
                }));
    }

    @GetMapping("/auth/callback")
    Mono<Void> callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
            @RequestParam(required = false) String error, ServerWebExchange exchange) {
        if (!properties.enabled()) {
            return notConfigured(exchange);
        }
        if (state == null || state.isEmpty() || state.length() > 200) {
            return badSignIn(exchange, "The sign-in's state is missing: start again at /auth/sign-in");
        }
        return Mono.fromCallable(() -> store.takeLogin(state, sessions.now())).subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return badSignIn(exchange, "This sign-in has expired or was already used: start again at /auth/sign-in");
                    }
                    if (error != null || code == null || code.isEmpty()) {
                        return badSignIn(exchange, "auth-server did not sign you in: start again at /auth/sign-in");
                    }
                    var login = found.get();
                    return authServer.redeem(login, code)
                            .flatMap(sessions::open)
                            .flatMap(cookie -> landing(exchange, cookie, login.returnPath()));
                })
                .onErrorResume(e -> e instanceof OAuth2AuthorizationException || e instanceof OAuth2AuthenticationException
                        || e instanceof JwtException, e -> {
                    log.info("A sign-in was refused at the callback: {}", e.getClass().getSimpleName());
                    return badSignIn(exchange, "The sign-in could not be completed: start again at /auth/sign-in");
                });
    }

    @GetMapping("/auth/session")
    Mono<Void> session(ServerWebExchange exchange) {
        return sessions.use(SessionCookie.valueOf(exchange.getRequest()))
                .flatMap(session -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("subject", session.subject());
                    body.put("username", session.username());
                    body.put("roles", session.roles());
                    body.put("agency", session.agency());
                    body.put("unitId", session.unitId());
                    body.put("permissions", session.permissions());
                    body.put("expiresAt", session.expiresAt(properties.idleTimeout()).toString());
                    body.put("csrfToken", session.csrfToken());
                    return json(exchange, body);
                })
                .onErrorResume(Sessions.Ended.class, e -> SessionRelay.expired(exchange))
                .onErrorResume(Sessions.Unavailable.class, e -> unavailable(exchange));
    }

    @PostMapping("/auth/sign-out")
    Mono<Void> signOut(ServerWebExchange exchange) {
        String cookie = SessionCookie.valueOf(exchange.getRequest());
        String origin = origins.of(exchange);
        return sessions.use(cookie)
                .flatMap(session -> {
                    if (!relay.writeAllowed(exchange, session)) {
                        return Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN,
                                "Signing out needs the session's " + SessionRelay.CSRF_HEADER + " header, from this origin");
                    }
                    return sessions.end(cookie).flatMap(idToken -> {
                        exchange.getResponse().addCookie(SessionCookie.cleared());
                        return json(exchange, Map.of("signOutUrl",
                                idToken.map(id -> authServer.endSessionUrl(id, origin)).orElse("/")));
                    });
                })
                .onErrorResume(Sessions.Ended.class, e -> SessionRelay.expired(exchange))
                .onErrorResume(Sessions.Unavailable.class, e -> unavailable(exchange));
    }

    /**
     * Sets the cookie and sends the browser on with a page of its own rather than a redirect: after a redirect
     * chain that began on auth-server's site a browser would not send a {@code SameSite=Strict} cookie, while a
     * navigation started by this page is same-site.
     */
    private static Mono<Void> landing(ServerWebExchange exchange, String cookie, String returnPath) {
        ServerHttpResponse response = exchange.getResponse();
        response.addCookie(SessionCookie.set(cookie));
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl(CacheControl.noStore());
        String to = HtmlUtils.htmlEscape(returnPath, "UTF-8");
        String page = """
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=%s">
                <title>phoihop</title></head>
                <body><p><a href="%s">Tiếp tục / Continue</a></p></body></html>
                """.formatted(to, to);
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    private static Mono<Void> json(ServerWebExchange exchange, Map<String, Object> body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl(CacheControl.noStore());
        byte[] bytes = JSON.writeValueAsBytes(body);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    private static Mono<Void> badSignIn(ServerWebExchange exchange, String detail) {
        return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, detail);
    }

    private static Mono<Void> notConfigured(ServerWebExchange exchange) {
        return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                "Signing in to the web app is not configured on this gateway (WEB_CLIENT_SECRET)");
    }

    private static Mono<Void> unavailable(ServerWebExchange exchange) {
        return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                "Your session cannot be renewed now: try again shortly");
    }

}
