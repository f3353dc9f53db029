package vn.phoihop.unit.scope.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import vn.phoihop.platform.security.CallerArgumentResolver;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.scope.UnitScope;

/** Lets a controller method declare a {@link Scope} parameter: the scope of the request's caller. */
class ScopeArgumentResolver implements HandlerMethodArgumentResolver {

    private final UnitScope scopes;

    ScopeArgumentResolver(UnitScope scopes) {
        this.scopes = scopes;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Scope.class;
    }

    @Override
    public Scope resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return scopes.of(CallerArgumentResolver.current());
    }
}
