package vn.phoihop.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The app's files and pages need no authentication: the data they show comes from the API, which does. They
 * get the strictest policy the app works under: only this origin's scripts, styles, images and connections, the
 * one inline script (the import map) by its hash, no framing, no plugins. The service worker and the manifest
 * (the app as an installable, offline PWA) come from this origin only.
 */
@Configuration(proxyBeanMethods = false)
class AppSecurity {

    static String policy(AppIndex index) {
        return "default-src 'self'; script-src 'self' " + index.importMapHash() + "; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
                + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    @Bean
    @Order(0)
    SecurityWebFilterChain app(ServerHttpSecurity http, AppIndex index) {
        ServerWebExchangeMatcher appRequests = exchange -> AppPaths.isAppRequest(exchange.getRequest())
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        return http
                .securityMatcher(appRequests)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(policy(index)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // reads only: GET and HEAD
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }
}
