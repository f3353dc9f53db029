package vn.phoihop.program.scope.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.phoihop.program.scope.ProgramScope;

/** Puts {@link ScopeInterceptor} in front of the whole program API and offers handlers the caller's scope. */
@Configuration(proxyBeanMethods = false)
class ScopeWebConfig implements WebMvcConfigurer {

    static final String API = "/api/v1/programs/**";

    private final ProgramScope programs;

    ScopeWebConfig(ProgramScope programs) {
        this.programs = programs;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ScopeInterceptor(programs)).addPathPatterns("/api/v1/programs", API);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new UnitScopeArgumentResolver());
    }
}
