package vn.phoihop.platform.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Which API route a request matched: its pattern (e.g. {@code /api/v1/units/{id}/move}) and path variables. MVC
 * leaves both on the request; a request that security refused never reached MVC, so the handler mapping is asked
 * afterwards. The resource type is the API collection, the first segment after {@code /api/v1/}.
 */
record Route(String pattern, Map<String, String> variables, String resourceType) {

    static final String NO_ROUTE = "(no route)";
    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(?::[^}]*)?}");
    private static final Pattern COLLECTION = Pattern.compile("/api/v\\d+/([a-z][a-z0-9-]{0,39})(?:[/.].*)?");

    /** The route of a request whose handling is over. */
    @SuppressWarnings("unchecked")
    static Route of(HttpServletRequest request, ObjectProvider<HandlerMapping> mvc) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) == null) {
            lookUp(request, mvc.getIfAvailable());
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        var variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        // "/**" and the like are the static-resource fallback, i.e. nothing of the API
        String matched = pattern instanceof String p && p.startsWith("/api/") ? p : NO_ROUTE;
        return new Route(matched, matched.equals(NO_ROUTE) || variables == null ? Map.of() : variables,
                collection(matched.equals(NO_ROUTE) ? request.getRequestURI() : matched));
    }

    private static void lookUp(HttpServletRequest request, HandlerMapping mapping) {
        if (mapping == null) {
            return;
        }
        try {
            if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            mapping.getHandler(request); // sets the pattern and variables attributes when a route matches
        } catch (Exception noRoute) {
            // a method the path does not take, and the like: recorded without a route
        }
    }

    /** Path variable values in the order the pattern names them, e.g. {@code [unitId, memberId]}. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        var names = VARIABLE.matcher(pattern);
        while (names.find()) {
            String value = variables.get(names.group(1));
            if (value != null) {
                ids.add(value);
            }
        }
        return ids;
    }

    static String collection(String path) {
        var m = COLLECTION.matcher(path == null ? "" : path);
        return m.matches() ? m.group(1) : "unknown";
    }
}
