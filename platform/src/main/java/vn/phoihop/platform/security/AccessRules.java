package vn.phoihop.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's role × action matrix, as request rules: which roles may call which method and path. One bean per
 * service; {@link ResourceServerSecurity} applies it before "any other request needs a token", so function-level
 * access is decided in one place and not by an {@code if} in each controller. Unit scope (which objects) is the
 * service's own business, as only it knows its tree.
 */
@FunctionalInterface
public interface AccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
