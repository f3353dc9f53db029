package vn.phoihop.testsupport;

import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring test context at the shared broker and server. Each context gets a database of its
 * own and its consumers groups of their own, so test classes in one JVM never see each other's
 * documents nor steal each other's partitions.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestPropertyValues.of(
                "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "spring.mongodb.uri=" + TestInfrastructure.mongoUri(),
                "spring.mongodb.database=test-" + run,
                "phoihop.kafka.group-suffix=.test-" + run)
                .applyTo(context);
    }
}
