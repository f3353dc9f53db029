package vn.phoihop.gateway.problem;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Which field of a JSON body did not bind, and the JSON type it must have, never the value sent (it may be personal
 * data): the same {@code errors} as the services' problems (platform's {@code ProblemAdvice}).
 */
final class JsonFields {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private JsonFields() {
    }

    static List<ApiProblem.FieldError> errors(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String name = unknown.getPropertyName();
            return List.of(new ApiProblem.FieldError(FIELD_NAME.matcher(name).matches() ? name : "body",
                    "is not a field of this request"));
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate")
                && e.processor() instanceof JsonParser parser && parser.currentName() != null
                && FIELD_NAME.matcher(parser.currentName()).matches()) {
            return List.of(new ApiProblem.FieldError(parser.currentName(), "must appear once"));
        }
        if (e.getPath().isEmpty()) {
            return List.of(new ApiProblem.FieldError("body", "is not valid JSON for this request"));
        }
        String expected = e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? expected(mismatch.getTargetType()) : "has the wrong type or value";
        return List.of(new ApiProblem.FieldError(pathOf(e), expected));
    }

    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type.isEnum()) {
            return "must be the name of one of its values";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
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
