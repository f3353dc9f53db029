package vn.phoihop.platform.web;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error leaves as {@code application/problem+json} (RFC 9457) with {@code type}, {@code title},
 * {@code status}, {@code detail} and, for validation, {@code errors: [{field, message}]}. Bad input is
 * never a 500; an unexpected failure is, with no internals in the body.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final java.util.regex.Pattern FIELD_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(detailOf(e));
    }

    /** The problem an {@link ApiException} is answered with, for a response that carries several (a batch's items). */
    public static ProblemDetail detailOf(ApiException e) {
        ProblemDetail body = (ProblemDetail) problem(e.status(), e.title(), e.getMessage(), e.errors()).getBody();
        e.properties().forEach(body::setProperty);
        return body;
    }

    /** Says what is wrong with a JSON value that did not bind, without echoing it (it may be personal data). */
    public static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            // a field name is echoed only if it looks like one: a key can itself carry personal data
            String name = unknown.getPropertyName();
            return FIELD_NAME.matcher(name).matches() ? "Unknown field '" + name + "'" : "Unknown field";
        }
        // the parser's own message may quote the value sent
        return e.getPath().isEmpty() ? "The body is not valid JSON for this request"
                : "Wrong type or value at '" + pathOf(e) + "'";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "Parameter " + e.getName() + " has the wrong format",
                List.of(new ApiException.FieldError(e.getName(), "has the wrong format")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // Spring Security's filters answer these with 403/401; a 500 here would hide them
        }
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed; it has been logged with its request id", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "The " + tooLarge.getMessage().substring(4)
                        + "; nothing was stored", List.of());
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed body", describe(e), List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // a body's fields by their names (a handler with a constrained path variable validates its body here too)
        var errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiException.FieldError(
                        err instanceof org.springframework.validation.FieldError field ? field.getField()
                                : r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid parameters", errors);
    }

    /** The framework's own problems (404, 405, 415 …) keep their status and gain our shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> entity = super.handleExceptionInternal(e, body, headers, status, request);
        if (entity != null && entity.getBody() instanceof ProblemDetail detail) {
            detail.setType(typeOf(HttpStatus.valueOf(status.value())));
        }
        return entity;
    }

    static ResponseEntity<Object> problem(HttpStatus status, String title, String detail,
            List<ApiException.FieldError> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(typeOf(status));
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    static URI typeOf(HttpStatus status) {
        return URI.create("https://phoihop.vn/problems/" + status.name().toLowerCase().replace('_', '-'));
    }

    /** Says what was wrong without echoing the body back. */
    private static String describe(HttpMessageNotReadableException e) {
        return e.getCause() instanceof JacksonException json ? describe(json) : "The body is missing or unreadable";
    }

    private static String pathOf(JacksonException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
