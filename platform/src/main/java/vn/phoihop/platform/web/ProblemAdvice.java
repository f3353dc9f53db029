package vn.phoihop.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
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
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error leaves as {@code application/problem+json} (RFC 9457) with {@code type}, {@code title},
 * {@code status}, {@code detail} and, for validation, {@code errors: [{field, message}]}. Bad input is
 * never a 500; an unexpected failure is, with no internals in the body.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    /** What {@link RequestRejectedException}s are answered with; the firewall's message would echo the value. */
    public static final String REJECTED = "The request path or headers are malformed or not normalized";

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final java.util.regex.Pattern FIELD_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");
    /** A field name or a map's key that is an indicator code: safe to echo in a path. */
    private static final java.util.regex.Pattern PATH_SEGMENT = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

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
        if (duplicateName(e) != null) {
            return "Field '" + duplicateName(e) + "' appears twice";
        }
        // the parser's own message may quote the value sent
        return e.getPath().isEmpty() ? "The body is not valid JSON for this request"
                : "Wrong type or value at '" + pathOf(e) + "'";
    }

    /**
     * The field a JSON value that did not bind belongs to, and what it must be: the contract's JSON type, never the
     * value sent. Empty when the body is not JSON at all.
     */
    public static List<ApiException.FieldError> fieldErrors(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String name = unknown.getPropertyName();
            return List.of(new ApiException.FieldError(FIELD_NAME.matcher(name).matches() ? name : "body",
                    "is not a field of this request"));
        }
        if (duplicateName(e) != null) {
            return List.of(new ApiException.FieldError(duplicateName(e), "must appear once"));
        }
        if (e.getPath().isEmpty()) {
            return List.of();
        }
        String expected = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? expected(mismatch.getTargetType()) : "has the wrong type or value";
        return List.of(new ApiException.FieldError(pathOf(e), expected));
    }

    /** The problem for a JSON body that did not bind, as {@link #handleHttpMessageNotReadable} answers it. */
    public static ApiException malformed(JacksonException e) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Malformed body", describe(e), fieldErrors(e));
    }

    /** A request parameter Tomcat could not decode (bad encoding, too many): its own status, never a 500. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameters(InvalidParameterException e) {
        HttpStatus status = HttpStatus.resolve(e.getErrorCode());
        return problem(status != null && status.is4xxClientError() ? status : HttpStatus.BAD_REQUEST, "Invalid request",
                "The query string or form body could not be read as parameters", List.of());
    }

    /** A header value Spring Security's firewall refused when it was read (a control character in it). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", REJECTED, List.of());
    }

    /**
     * Writes a problem straight to the response, for refusals made before any controller runs (filters, the
     * firewall); the same shape as the problems the controllers answer with.
     */
    public static void write(HttpServletResponse response, HttpStatus status, String title, String detail,
            List<ApiException.FieldError> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeOf(status).toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(body));
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
        return e.getCause() instanceof JacksonException json ? problem(malformed(json))
                : problem(HttpStatus.BAD_REQUEST, "Malformed body", "The body is missing or unreadable", List.of());
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
        // a body validated with the parameters names its own fields (occurredOn, consent.givenOn), not the parameter
        var errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r instanceof ParameterErrors body
                        ? body.getAllErrors().stream().map(err -> new ApiException.FieldError(
                                err instanceof FieldError field ? field.getField() : r.getMethodParameter().getParameterName(),
                                err.getDefaultMessage()))
                        : r.getResolvableErrors().stream().map(err -> new ApiException.FieldError(
                                r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
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

    private static ResponseEntity<Object> problem(ApiException e) {
        return problem(e.status(), e.title(), e.getMessage(), e.errors());
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

    /** The JSON type a value of {@code type} must have, as a client reads the contract. */
    static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type.isEnum()) {
            var names = java.util.Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return names.size() <= 30 ? "must be one of " + String.join(", ", names) : "must be a known name";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class || type == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a date as YYYY-MM-DD";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** The name of a field sent twice in one object, if that is what {@code e} says and the name is readable. */
    private static String duplicateName(JacksonException e) {
        if (e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate")
                || !(e.processor() instanceof JsonParser parser)) {
            return null;
        }
        String name = parser.currentName();
        return name != null && FIELD_NAME.matcher(name).matches() ? name : null;
    }

    /** Where in the body: field names as sent, but a key that does not look like one (a map's key) is not echoed. */
    private static String pathOf(JacksonException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                String name = ref.getPropertyName();
                sb.append(sb.isEmpty() ? "" : ".").append(PATH_SEGMENT.matcher(name).matches() ? name : "?");
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
