package vn.phoihop.program.scope.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import vn.phoihop.platform.security.CallerArgumentResolver;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.scope.ProgramScope;
import vn.phoihop.program.scope.UnitScope;

/**
 * Applies unit scope to every request of the program API before its handler runs, so no endpoint can forget it: the
 * program of {@code {id}} must be visible to the caller (else 404) and, for a write, changeable by it (else 403,
 * unless {@link ScopedByBodyUnit}); a {@code unitId} parameter must lie in the caller's subtree (else 403). The
 * caller's {@link UnitScope} is kept on the request for handlers that filter lists or check a body's unit.
 */
class ScopeInterceptor implements HandlerInterceptor {

    static final String ATTRIBUTE = UnitScope.class.getName();

    private final ProgramScope programs;

    ScopeInterceptor(ProgramScope programs) {
        this.programs = programs;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        UnitScope scope = programs.of(CallerArgumentResolver.current());
        request.setAttribute(ATTRIBUTE, scope);
        if (scope.isNational()) {
            return true;
        }
        String unitId = request.getParameter("unitId");
        if (unitId != null) {
            scope.require(unitId, "unitId");
        }
        String programId = programIdOf(request);
        if (programId != null) {
            boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
            if (read || method.hasMethodAnnotation(ScopedByBodyUnit.class)) {
                programs.visible(scope, programId);
            } else {
                programs.changeable(scope, programId);
            }
        }
        return true;
    }

    /** The {@code {id}} of the path, if it has one of the right shape (a malformed one is the handler's 400). */
    private static String programIdOf(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        var variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String id = variables == null ? null : variables.get("id");
        return id != null && id.matches(Ids.PATTERN) ? id : null;
    }
}
