package vn.phoihop.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.phoihop.platform.web.BodySizeLimit;
import vn.phoihop.platform.web.RequestIdFilter;

/**
 * Platform's request filters, which its excluded auto-configuration would have brought: the correlation id
 * ({@code X-Request-Id}) in responses and log lines, and the 413 for bodies over {@code phoihop.web.max-body-bytes}.
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
}
