package vn.phoihop.gateway.problem;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A refusal of the gateway's own API (stream, webhooks) whose detail is written for the client, whatever the
 * status, with {@code errors: [{field, message}]} for validation.
 */
public class ApiProblem extends ResponseStatusException {

    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
        super(status, detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public record FieldError(String field, String message) {
    }
}
