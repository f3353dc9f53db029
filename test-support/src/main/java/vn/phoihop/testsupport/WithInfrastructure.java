package vn.phoihop.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Put beside {@code @SpringBootTest} on an {@code *IT}: the context talks to real Kafka and MongoDB,
 * from containers or embedded as {@link TestInfrastructure} decides.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = InfrastructureInitializer.class)
public @interface WithInfrastructure {
}
