package vn.phoihop.program.scope.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import vn.phoihop.program.scope.UnitScope;

/** Lets a handler declare a {@link UnitScope} parameter: the caller's scope, as {@link ScopeInterceptor} found it. */
class UnitScopeArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == UnitScope.class;
    }

    @Override
    public UnitScope resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object scope = webRequest.getAttribute(ScopeInterceptor.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (scope instanceof UnitScope unitScope) {
            return unitScope;
        }
        throw new IllegalStateException("no unit scope on this request: is the handler outside " + ScopeWebConfig.API + "?");
    }
}
