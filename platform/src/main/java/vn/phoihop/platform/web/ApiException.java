package vn.phoihop.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal the caller can act on; rendered as an RFC 9457 problem. Thrown by application code
 * instead of building responses in every controller.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    /** 422: well-formed, but a rule of the domain refuses it. */
    public static ApiException rejected(String detail, FieldError... errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Refused by a domain rule", detail, List.of(errors));
    }

    public static ApiException invalid(FieldError... errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields",
                List.of(errors));
    }

    /** Adds a member to the problem, such as the refused lines of a file (rendered after the standard ones). */
    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public Map<String, Object> properties() {
        return java.util.Collections.unmodifiableMap(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {
    }
}
