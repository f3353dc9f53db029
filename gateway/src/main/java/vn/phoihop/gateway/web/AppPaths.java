package vn.phoihop.gateway.web;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which requests the web app answers: its files ({@code /app/**}, {@code /webjars/**}) and its pages, that is
 * {@code /} and any other {@code GET} for HTML outside the paths the API, sign-in, auth-server and the API docs
 * own. The app routes with the History API, so {@code /programs/42} is {@code index.html} too.
 */
final class AppPaths {

    /** Paths that are never a page of the app, whatever the Accept header says. */
    static final List<String> NOT_PAGES = List.of("/api", "/auth", "/app", "/webjars", "/actuator", "/v3",
            "/swagger-ui", "/oauth2", "/.well-known", "/login", "/logout", "/error");

    /** The API docs UI is an HTML page under /webjars that needs its own policy (SecurityConfig). */
    static final String API_DOCS_ASSETS = "/webjars/swagger-ui/";

    private AppPaths() {
    }

    static boolean isAsset(String path) {
        return path.startsWith("/app/") || (path.startsWith("/webjars/") && !path.startsWith(API_DOCS_ASSETS));
    }

    static boolean isPage(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            return false;
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.equals("/") || path.equals("/index.html")) {
            return true;
        }
        return NOT_PAGES.stream().noneMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))
                && acceptsHtml(request);
    }

    private static boolean acceptsHtml(ServerHttpRequest request) {
        try {
            return request.getHeaders().getAccept().stream()
                    .anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("html"));
        } catch (RuntimeException malformed) { // an Accept header that does not parse asks for no page
            return false;
        }
    }

    static boolean isAppRequest(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return isPage(request) || ((request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                && isAsset(path));
    }

    static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
}
