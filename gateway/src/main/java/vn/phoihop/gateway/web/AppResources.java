package vn.phoihop.gateway.web;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The app's own files and the WebJars. A WebJar path with its version ({@code /webjars/lit/3.3.1/index.js}, as
 * the served index names them) never changes: a year, immutable. A version-agnostic one is resolved through
 * webjars-locator-lite and revalidated, as are the app's files (they carry no version in their names).
 * Boot's default {@code /**} mapping is off ({@code spring.web.resources.add-mappings}): only these paths serve files.
 */
@Configuration(proxyBeanMethods = false)
class AppResources implements WebFluxConfigurer {

    private static final String WEBJARS = "classpath:/META-INF/resources/webjars/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/**")
                .addResourceLocations("classpath:/META-INF/resources/app/")
                .setCacheControl(CacheControl.noCache());
        registry.addResourceHandler("/webjars/{webjar}/{version:[0-9][-.\\w]*}/**")
                .addResourceLocations(WEBJARS)
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations(WEBJARS)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true);
    }
}
