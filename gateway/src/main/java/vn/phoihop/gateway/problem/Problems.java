package vn.phoihop.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problems ({@code application/problem+json}) with the same {@code type} URIs as the
 * services, so a client sees one error shape whether the gateway or a service refused it.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static String type(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String name = known == null ? String.valueOf(status.value()) : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return "https://phoihop.vn/problems/" + name;
    }

    public static byte[] body(HttpStatusCode status, String detail) {
        return body(status, detail, List.of());
    }

    public static byte[] body(HttpStatusCode status, String detail, List<ApiProblem.FieldError> errors) {
        return body(status, type(status), detail, errors);
    }

    /** A problem of its own {@code type} (e.g. {@code …/session-expired}), where the status alone says too little. */
    public static byte[] body(HttpStatusCode status, String type, String detail, List<ApiProblem.FieldError> errors) {
        HttpStatus known = HttpStatus.resolve(status.value());
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", type);
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        return JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, String detail) {
        return write(response, status, detail, List.of());
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, String detail,
            List<ApiProblem.FieldError> errors) {
        return write(response, status, body(status, detail, errors));
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, String type, String detail) {
        return write(response, status, body(status, type, detail, List.of()));
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, byte[] body) {
        response.setStatusCode(status);
        // a refused client starts afresh on a new connection: on a kept-alive one, the request after a refusal
        // the gateway answered itself sometimes waited for the client's timeout (seen after 400, 403, 413 and 429;
        // the cause in the server's connection handling is not found). A refusal is rare enough to reconnect after.
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
