package vn.phoihop.auth;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.phoihop.auth.TokenHttp.assertProblem;
import static vn.phoihop.auth.TokenHttp.json;
import static vn.phoihop.auth.TokenHttp.strings;
import static vn.phoihop.auth.TokenHttp.unique;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import vn.phoihop.testsupport.WithInfrastructure;

/** The admin API for users, over HTTP with real tokens: shaped, checked and refused as the one for clients. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.admin-client-secret=users-it-admin-secret",
        "phoihop.auth.data-dir=target/users-it",
        "spring.mongodb.database=users-it"})
@WithInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class UsersIT {

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    PasswordEncoder passwordEncoder;

    private TokenHttp http;
    private String admin;

    @BeforeEach
    void adminToken() {
        http = new TokenHttp("http://localhost:" + port);
        admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "users-it-admin-secret"));
    }

    @Test
    void aCreatedUserIsShownWithItsPasswordOnceAndOnlyAHashIsStored(CapturedOutput output) {
        String username = "Mat.Tran." + unique();
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username":" %s ","displayName":"Trần Thị Bình","roles":["PROGRAM_MANAGER","VIEWER"],
                 "unitId":"u-92","agency":"FRONT"}""".formatted(username));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = json(created);
        String id = body.get("id").asString();
        String password = body.get("password").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/users/" + id);
        assertThat(password).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("username").asString()).as("trimmed, lower case").isEqualTo(username.toLowerCase());
        assertThat(body.get("displayName").asString()).isEqualTo("Trần Thị Bình");
        assertThat(strings(body.get("roles"))).containsExactly("PROGRAM_MANAGER", "VIEWER");
        assertThat(body.get("agency").asString()).isEqualTo("FRONT");
        assertThat(body.get("unitId").asString()).isEqualTo("u-92");
        assertThat(strings(body.get("permissions"))).isEmpty();

        var one = http.call("GET", "/api/v1/users/" + id, admin, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).get("createdAt").asString()).isNotBlank();
        assertThat(json(one).get("username").asString()).isEqualTo(username.toLowerCase());
        var list = http.call("GET", "/api/v1/users?limit=500", admin, null);
        assertThat(ids(json(list))).contains(id);
        for (var shown : List.of(one.body(), list.body())) {
            assertThat(shown).doesNotContain(password).doesNotContain("bcrypt").doesNotContainIgnoringCase("password");
        }

        Document stored = database.getCollection("users").find(eq("_id", id)).first();
        assertThat(stored.toJson()).doesNotContain(password);
        assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches(password, stored.getString("passwordHash"))).isTrue();
        assertThat(output.getAll()).contains("User " + id).contains("created by admin").doesNotContain(password)
                .doesNotContain(stored.getString("passwordHash"));
    }

    @Test
    void aTakenUsernameIsAConflictWhateverItsCase() {
        String username = "trung." + unique();
        assertThat(http.call("POST", "/api/v1/users", admin, request(username, "VIEWER")).statusCode()).isEqualTo(201);

        assertProblem(http.call("POST", "/api/v1/users", admin, request(username.toUpperCase(), "ADMIN")), 409);
    }

    @Test
    void aDeletedUserIsGone() {
        String id = json(http.call("POST", "/api/v1/users", admin, request("gone." + unique(), "VIEWER"))).get("id").asString();

        assertThat(http.call("DELETE", "/api/v1/users/" + id, admin, null).statusCode()).isEqualTo(204);

        assertProblem(http.call("GET", "/api/v1/users/" + id, admin, null), 404);
        assertProblem(http.call("DELETE", "/api/v1/users/" + id, admin, null), 404);
        assertThat(ids(json(http.call("GET", "/api/v1/users?limit=500", admin, null)))).doesNotContain(id);
    }

    @Test
    void onlyAnAdministratorMayManageUsersAndOnlyWithAToken() {
        var client = json(http.call("POST", "/api/v1/clients", admin, """
                {"name":"manager %s","roles":["PROGRAM_MANAGER"],"unitId":"u-1","agency":"FRONT"}""".formatted(unique())));
        String manager = TokenHttp.accessToken(http.tokenWithBasic(client.get("clientId").asString(),
                client.get("clientSecret").asString()));
        String id = json(http.call("POST", "/api/v1/users", admin, request("kept." + unique(), "VIEWER"))).get("id").asString();

        for (String token : new String[] {manager, null, "not-a-jwt"}) {
            int status = token == manager ? 403 : 401;
            assertProblem(http.call("GET", "/api/v1/users", token, null), status);
            assertProblem(http.call("GET", "/api/v1/users/" + id, token, null), status);
            assertProblem(http.call("POST", "/api/v1/users", token, request("x." + unique(), "ADMIN")), status);
            assertProblem(http.call("DELETE", "/api/v1/users/" + id, token, null), status);
        }
        assertThat(http.call("GET", "/api/v1/users/" + id, admin, null).statusCode()).as("not deleted").isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"username\":\"abc\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\",\"password\":\"mine\"}",
            "{\"username\":\"ab\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"a b c\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"$where\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":{\"$ne\":null},\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"abc\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"abc\",\"displayName\":\"x\\u0007\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"abc\",\"displayName\":\"Nguy\u1ec5n \u202EnA\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"abc\",\"displayName\":\"\u2067x\u2069\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"abc\",\"displayName\":\"x\",\"roles\":[\"ROOT\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"username\":\"abc\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"agency\":\"POLICE\"}",
            "{\"username\":\"abc\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"ARMY\"}",
            "{\"username\":\"abc\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\",\"permissions\":[\"all\"]}",
            "{\"username\":\"abc\",\"displayName\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\",\"id\":\"mine\"}",
            "not json"})
    void badBodiesAreProblemsAndCreateNothing(String bad) {
        long before = database.getCollection("users").countDocuments();

        assertProblem(http.call("POST", "/api/v1/users", admin, bad), 400);

        assertThat(database.getCollection("users").countDocuments()).isEqualTo(before);
    }

    @Test
    void everyMistakeIsNamed() {
        var response = http.call("POST", "/api/v1/users", admin,
                "{\"username\":\"a\",\"displayName\":\"\",\"roles\":[\"BOSS\"],\"unitId\":\"u 1\",\"agency\":\"ARMY\"}");

        assertProblem(response, 400);
        var fields = new ArrayList<String>();
        json(response).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("username", "displayName", "roles[0]", "unitId", "agency");
    }

    @Test
    void pagesFollowTheCursorWithoutRepeats() {
        for (int i = 0; i < 3; i++) {
            http.call("POST", "/api/v1/users", admin, request("page." + unique(), "VIEWER"));
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            JsonNode page = json(http.call("GET", "/api/v1/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin, null));
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertProblem(http.call("GET", "/api/v1/users?limit=0", admin, null), 400);
        assertProblem(http.call("GET", "/api/v1/users?limit=501", admin, null), 400);
        assertProblem(http.call("GET", "/api/v1/users?cursor=%24ne", admin, null), 400);
    }

    private static String request(String username, String role) {
        return """
                {"username":"%s","displayName":"Cán bộ","roles":["%s"],"unitId":"u-1","agency":"POLICE"}"""
                .formatted(username, role);
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

}
