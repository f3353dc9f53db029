package vn.phoihop.gateway.session;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import vn.phoihop.gateway.support.TestTokens;

/**
 * auth-server's token and revocation endpoints for the {@code web} client, as far as the gateway uses them: codes
 * the test hands out, checked against the PKCE challenge and redirect URI; refresh tokens that rotate; tokens minted
 * with the test's key.
 */
final class FakeAuthServer implements AutoCloseable {

    static final String SECRET = "web-session-it-secret";

    /** Whom a code or refresh token is for, and how long their access tokens live. */
    record Person(String subject, String unitId, List<String> roles, Duration accessTtl) {
    }

    private record Code(String challenge, String redirectUri, String nonce, Person person) {
    }

    private final TestTokens tokens;
    private final HttpServer server;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> refreshTokens = new ConcurrentHashMap<>();
    final Queue<String> revoked = new ConcurrentLinkedQueue<>();
    final Queue<String> refreshed = new ConcurrentLinkedQueue<>();
    volatile String lastAccessToken;
    volatile String lastRefreshToken;

    FakeAuthServer(TestTokens tokens) {
        this.tokens = tokens;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth2/token", this::token);
        server.createContext("/oauth2/revoke", exchange -> {
            var form = form(exchange);
            if (authenticated(exchange)) {
                revoked.add(form.get("token"));
                refreshTokens.remove(form.get("token"));
            }
            respond(exchange, 200, "");
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** auth-server signed the person in: the code the browser brings back to the callback. */
    String code(String challenge, String redirectUri, String nonce, Person person) {
        String code = UUID.randomUUID().toString();
        codes.put(code, new Code(challenge, redirectUri, nonce, person));
        return code;
    }

    /** The person was deleted, or the refresh token revoked: every refresh token is refused from now on. */
    void forgetRefreshTokens() {
        refreshTokens.clear();
    }

    private void token(HttpExchange exchange) throws IOException {
        var form = form(exchange);
        if (!authenticated(exchange)) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            Code code = codes.remove(form.getOrDefault("code", ""));
            if (code == null || !code.redirectUri().equals(form.get("redirect_uri"))
                    || !code.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
                respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            respond(exchange, 200, issue(code.person(), code.nonce()));
        } else if ("refresh_token".equals(form.get("grant_type"))) {
            Person person = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (person == null) {
                respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            refreshed.add(form.get("refresh_token"));
            respond(exchange, 200, issue(person, null));
        } else {
            respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private String issue(Person person, String nonce) {
        Instant now = Instant.now();
        String access = tokens.with(c -> c.subject(person.subject()).claim("roles", person.roles())
                .claim("agency", "POLICE").claim("unitId", person.unitId()).claim("permissions", List.of())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(person.accessTtl()))));
        String id = tokens.with(c -> c.subject(person.subject()).audience("web").claim("nonce", nonce));
        String refresh = UUID.randomUUID().toString();
        refreshTokens.put(refresh, person);
        lastAccessToken = access;
        lastRefreshToken = refresh;
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + person.accessTtl().toSeconds() + ",\"refresh_token\":\"" + refresh + "\",\"id_token\":\"" + id
                + "\",\"scope\":\"openid\"}";
    }

    private static boolean authenticated(HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("web:" + SECRET).getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        var fields = new HashMap<String, String>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
