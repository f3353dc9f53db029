package vn.phoihop.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import vn.phoihop.platform.PlatformAutoConfiguration;
import vn.phoihop.platform.mongo.MongoDatabaseConfig;
import vn.phoihop.platform.web.ProblemAdvice;
import vn.phoihop.platform.web.StrictJson;

/**
 * Issues OAuth2 tokens to staff, partners and service accounts. From platform it takes the MongoDB database,
 * the problem format, strict JSON binding and the request filters ({@link WebFilters}) only: its
 * auto-configuration would add an outbox relay, Kafka topics and a resource-server chain for every path, none of
 * which an authorization server has a use for.
 */
@SpringBootApplication(exclude = PlatformAutoConfiguration.class)
@Import({MongoDatabaseConfig.class, ProblemAdvice.class, StrictJson.class})
@ConfigurationPropertiesScan
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
