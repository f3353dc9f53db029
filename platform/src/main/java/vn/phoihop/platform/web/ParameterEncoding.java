package vn.phoihop.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.phoihop.platform.web.ApiException.FieldError;

/**
 * Refuses, before anything reads a parameter, a query string that is not percent-encoded UTF-8 or that holds a
 * control character (U+0000 among them, which no BSON key or regular expression can carry): a 400 problem naming
 * the parameter, whether the endpoint knows it or not. Tomcat 11 throws from the first {@code getParameter} call
 * instead, wherever that happens (a controller, a security filter), which was a 500; the parameters are also
 * parsed here once, so that what Tomcat itself refuses (a form body in a bad encoding, too many parameters) is
 * refused here too, as a problem.
 */
public class ParameterEncoding extends OncePerRequestFilter {

    private static final Pattern READABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,40}");

    /** Right after the request id and the body limit: before security and every other filter. */
    public static FilterRegistrationBean<ParameterEncoding> registration() {
        var registration = new FilterRegistrationBean<>(new ParameterEncoding());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<FieldError> error = firstError(request.getQueryString());
        if (error.isPresent()) {
            ProblemAdvice.write(response, HttpStatus.BAD_REQUEST, "Invalid request",
                    "The query string must be percent-encoded UTF-8 without control characters", List.of(error.get()));
            return;
        }
        try {
            request.getParameterMap();
        } catch (InvalidParameterException e) {
            HttpStatus status = HttpStatus.resolve(e.getErrorCode());
            ProblemAdvice.write(response, status != null && status.is4xxClientError() ? status : HttpStatus.BAD_REQUEST,
                    "Invalid request", "The query string or form body could not be read as parameters", List.of());
            return;
        }
        chain.doFilter(request, response);
    }

    /** The first parameter of {@code query} (raw, as sent) that cannot be decoded or holds a control character. */
    static Optional<FieldError> firstError(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null || hasControl(name)) {
                return Optional.of(new FieldError("query", "a parameter's name is not percent-encoded UTF-8 text"));
            }
            // a name is echoed only if it looks like one: the client may have put anything there
            String field = READABLE_NAME.matcher(name).matches() ? name : "query";
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (value == null) {
                return Optional.of(new FieldError(field, "is not percent-encoded UTF-8"));
            }
            if (hasControl(value)) {
                return Optional.of(new FieldError(field, "must not hold control characters"));
            }
        }
        return Optional.empty();
    }

    /** {@code +} is a space, {@code %XY} a byte, and the bytes must be UTF-8; null if they are not. */
    static String decode(String raw) {
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // Tomcat refuses raw bytes above ASCII itself; a test's mock request may hold text as it is
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
