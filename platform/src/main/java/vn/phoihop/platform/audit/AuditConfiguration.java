package vn.phoihop.platform.audit;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;
import vn.phoihop.platform.audit.mongo.MongoAuditLog;
import vn.phoihop.platform.audit.web.AuditController;
import vn.phoihop.platform.audit.web.AuditFilter;

/**
 * The audit log of a service: the {@code audit} collection, the filter that records writes and refusals, and
 * {@code GET /api/v1/audit}. Part of every service through the platform's auto-configuration; auth-server, which
 * does without that, imports this alone. Access to the API is a rule of the service's security chain
 * ({@link vn.phoihop.platform.audit.web.AuditAccess}).
 */
@Configuration(proxyBeanMethods = false)
@Import(AuditController.class)
public class AuditConfiguration {

    @Bean
    MongoAuditLog auditLog(MongoDatabase database) {
        return new MongoAuditLog(database);
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(MongoAuditLog auditLog,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> mvc,
            ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        Counter failures = Counter.builder("phoihop.audit.failures")
                .description("Audit entries that could not be stored")
                .register(meters.getIfAvailable(SimpleMeterRegistry::new));
        var registration = new FilterRegistrationBean<>(
                new AuditFilter(auditLog, mvc, clock.getIfAvailable(Clock::systemUTC), failures));
        registration.addUrlPatterns("/api/*");
        // inside the request-id filter (its id is in the MDC), around security (its refusals are recorded)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
