package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.testsupport.WithInfrastructure;

/** auth-server's audit log: the admin API's writes and refusals, read by a national admin at GET /api/v1/audit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.issuer-uri=http://issuer.test:9000",
        "phoihop.auth.admin-client-secret=audit-it-admin-secret"})
@WithInfrastructure
class AuditIT {

    private static final Path DATA = tempDir();
    private static final JsonMapper JSON = JsonMapper.shared();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("phoihop.auth.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;

    private TokenHttp http;
    private String admin;

    @BeforeEach
    void adminToken() {
        http = new TokenHttp("http://localhost:" + port);
        admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "audit-it-admin-secret"));
    }

    @Test
    void aClientCreatedAndDeletedIsRecordedWithoutItsSecret() {
        var created = http.call("POST", "/api/v1/clients", admin, """
                {"name":"Đối tác %s","roles":["PARTNER"],"unitId":"u-1","agency":"OTHER"}""".formatted(UUID.randomUUID()));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("clientId").asString();
        String secret = json(created).get("clientSecret").asString();
        assertThat(http.call("DELETE", "/api/v1/clients/" + id, admin, null).statusCode()).isEqualTo(204);

        JsonNode entries = json(audit("resourceId=" + id)).get("items");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("action").asString()).isEqualTo("DELETE /api/v1/clients/{clientId}");
        assertThat(entries.get(1).get("action").asString()).isEqualTo("POST /api/v1/clients");
        for (JsonNode entry : entries) {
            assertThat(entry.get("actor").asString()).isEqualTo("admin");
            assertThat(entry.get("resourceType").asString()).isEqualTo("clients");
            assertThat(entry.get("outcome").asString()).isEqualTo("SUCCESS");
            assertThat(entry.get("from").asString()).isNotBlank();
            assertThat(entry.get("requestId").asString()).isNotBlank();
        }
        for (Document stored : database.getCollection("audit").find()) {
            assertThat(stored.toJson()).doesNotContain(secret);
        }
    }

    @Test
    void aRefusedAdminActionIsRecordedDeniedAndOnlyAdminsReadTheLog() {
        var made = json(http.call("POST", "/api/v1/clients", admin, """
                {"name":"Quản lý %s","roles":["PROGRAM_MANAGER"],"unitId":"u-1","agency":"FRONT"}"""
                .formatted(UUID.randomUUID())));
        String manager = made.get("clientId").asString();
        String token = TokenHttp.accessToken(http.tokenWithBasic(manager, made.get("clientSecret").asString()));

        assertThat(http.call("POST", "/api/v1/clients", token, "{}").statusCode()).isEqualTo(403);
        assertThat(http.call("GET", "/api/v1/audit", token, null).statusCode()).isEqualTo(403);
        assertThat(http.call("GET", "/api/v1/audit", null, null).statusCode()).isEqualTo(401);

        JsonNode denied = json(audit("actor=" + manager + "&outcome=DENIED")).get("items");
        assertThat(denied).hasSize(2);
        assertThat(denied.get(0).get("action").asString()).isEqualTo("GET /api/v1/audit");
        assertThat(denied.get(1).get("action").asString()).isEqualTo("POST /api/v1/clients");
    }

    @Test
    void theLogCannotBeEditedAndBadFiltersAreProblems() {
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "POST"}) {
            var response = http.call(method, "/api/v1/audit", admin, "{}");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(audit("limit=501").statusCode()).isEqualTo(400);
        assertThat(audit("outcome=OK").statusCode()).isEqualTo(400);
        assertThat(audit("limit=500").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> audit(String query) {
        return http.call("GET", "/api/v1/audit?" + query, admin, null);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("auth-audit-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
