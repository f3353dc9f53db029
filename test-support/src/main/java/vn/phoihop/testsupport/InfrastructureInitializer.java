package vn.phoihop.testsupport;

import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring test context at the shared broker and server. Each context gets a database of its
 * own, so test classes in one JVM never see each other's documents.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "spring.mongodb.uri=" + TestInfrastructure.mongoUri(),
                "spring.mongodb.database=test-" + UUID.randomUUID().toString().substring(0, 8))
                .applyTo(context);
    }
}
