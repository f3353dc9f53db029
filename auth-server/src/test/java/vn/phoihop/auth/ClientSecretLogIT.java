package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.testsupport.TestInfrastructure;

/** A created client's secret reaches its creator and nowhere else, even with the web and security logs at DEBUG. */
@ExtendWith(OutputCaptureExtension.class)
class ClientSecretLogIT {

    @TempDir
    Path data;

    @Test
    void theSecretOfACreatedClientIsNeverLogged(CapturedOutput output) {
        try (var context = new SpringApplicationBuilder(AuthServerApplication.class).run(
                "--server.port=0",
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(), // its unit view
                "--spring.mongodb.database=secret-log-it",
                "--phoihop.auth.data-dir=" + data,
                "--phoihop.auth.admin-client-secret=log-it-admin-secret",
                "--logging.level.org.springframework.web=DEBUG",
                "--logging.level.org.springframework.security=DEBUG",
                "--logging.level.org.mongodb.driver=DEBUG")) {
            var http = new TokenHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
            String admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "log-it-admin-secret"));
            var created = http.call("POST", "/api/v1/clients", admin,
                    "{\"name\":\"log-it\",\"roles\":[\"VIEWER\"],\"unitId\":\"u-1\",\"agency\":\"OTHER\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            var body = JsonMapper.shared().readTree(created.body());
            String secret = body.get("clientSecret").asString();
            assertThat(http.tokenWithBasic(body.get("clientId").asString(), secret).statusCode()).isEqualTo(200);

            assertThat(output.getAll()).contains("Client " + body.get("clientId").asString() + " created by admin")
                    .doesNotContain(secret);
        }
    }
}
