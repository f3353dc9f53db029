package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import vn.phoihop.testsupport.TestInfrastructure;

/** Runs of the server on one data directory and database, as after a restart. */
@ExtendWith(OutputCaptureExtension.class)
class RestartIT {

    @TempDir
    Path data;

    @Test
    void generatedSecretAndSigningKeySurviveARestartAndTheSecretIsShownOnce(CapturedOutput output) throws Exception {
        String secret;
        String firstToken;
        String firstKid;
        try (var first = start()) {
            Path secretFile = data.resolve("admin-client-secret");
            assertThat(secretFile).exists();
            secret = Files.readString(secretFile).trim();
            TokenHttp http = http(first);
            firstToken = TokenHttp.accessToken(http.tokenWithBasic("admin", secret));
            firstKid = http.jwksDecoder().decode(firstToken).getHeaders().get("kid").toString();
            assertThat(http.tokenWithBasic("admin", secret + "x").statusCode()).isEqualTo(401); // logs the failure
        }
        try (var second = start()) {
            TokenHttp http = http(second);
            var response = http.tokenWithBasic("admin", secret);
            assertThat(response.statusCode()).as("same secret after restart").isEqualTo(200);

            Jwt oldTokenSeenNow = http.jwksDecoder().decode(firstToken); // signature checked with the new JWKS
            assertThat(oldTokenSeenNow.getHeaders()).containsEntry("kid", firstKid);
            Jwt newToken = http.jwksDecoder().decode(TokenHttp.accessToken(response));
            assertThat(newToken.getHeaders()).containsEntry("kid", firstKid);
            assertThat(http.get("/oauth2/jwks").body()).contains(firstKid).doesNotContain("\"d\":");
        }

        assertThatThrownBy(() -> start("--phoihop.auth.key-encryption-secret=not-the-secret-the-keys-were-encrypted-with"))
                .as("a wrong key-encryption secret stops the start instead of replacing the keys")
                .hasStackTraceContaining("cannot decrypt signing key " + firstKid);

        String all = output.getAll();
        assertThat(all.split(java.util.regex.Pattern.quote(secret), -1)).as("occurrences of the secret").hasSize(2);
        assertThat(all.lines().filter(line -> line.contains(secret)))
                .singleElement().asString()
                .contains("saved to " + data.resolve("admin-client-secret").toAbsolutePath())
                .doesNotContain(" INFO ", " WARN ", " DEBUG ", " ERROR ");
    }

    private ConfigurableApplicationContext start(String... more) {
        var args = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0",
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(), // its unit view
                "--spring.mongodb.database=restart-it",
                "--phoihop.auth.data-dir=" + data,
                "--phoihop.auth.admin-client-secret=",
                "--logging.level.org.springframework.security=DEBUG")); // the chattiest setting still must not leak it
        args.addAll(java.util.List.of(more));
        return new SpringApplicationBuilder(AuthServerApplication.class).run(args.toArray(String[]::new));
    }

    private static TokenHttp http(ConfigurableApplicationContext context) {
        return new TokenHttp("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
