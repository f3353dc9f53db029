package vn.phoihop.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.phoihop.platform.security.FirewallRefusals;
import vn.phoihop.platform.web.BodySizeLimit;
import vn.phoihop.platform.web.ConnectorProblems;
import vn.phoihop.platform.web.ParameterEncoding;
import vn.phoihop.platform.web.RequestIdFilter;

/**
 * Platform's request filters, which its excluded auto-configuration would have brought: the correlation id
 * ({@code X-Request-Id}) in responses and log lines, the 413 for bodies over {@code phoihop.web.max-body-bytes},
 * the 400 for parameters that are not percent-encoded UTF-8, and problems instead of error pages for what Tomcat
 * or the firewall refuse.
 */
@Configuration(proxyBeanMethods = false)
class WebFilters {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        return RequestIdFilter.registration();
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(@Value("${phoihop.web.max-body-bytes:1048576}") long maxBytes) {
        return BodySizeLimit.registration(maxBytes);
    }

    @Bean
    FilterRegistrationBean<ParameterEncoding> parameterEncoding() {
        return ParameterEncoding.registration();
    }

    @Bean
    ConnectorProblems connectorProblems() {
        return new ConnectorProblems();
    }

    @Bean
    FirewallRefusals firewallRefusals() {
        return new FirewallRefusals();
    }
}
