package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.phoihop.auth.TokenHttp.assertProblem;
import static vn.phoihop.auth.TokenHttp.json;
import static vn.phoihop.auth.TokenHttp.strings;
import static vn.phoihop.auth.TokenHttp.unique;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import vn.phoihop.auth.unit.UnitTree;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.events.unit.UnitMoved;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * An administrator scoped to commune A (province P has communes A and B, A has a police unit) grants and manages
 * accounts only inside A's subtree, of its own agency, with permissions it holds; keys are for national ones. The
 * tree comes from unit events on the real {@code units} topic, as unit-service publishes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.admin-client-secret=delegation-it-admin-secret",
        "phoihop.auth.data-dir=target/delegation-it"})
@WithInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DelegationIT {

    private final String run = unique();
    private final String province = "P-" + run;
    private final String communeA = "A-" + run;
    private final String communeB = "B-" + run;
    private final String policeA = "CA-" + run;
    private final String moved = "M-" + run;
    private final EventCodec events = new EventCodec("/unit-service", Clock.systemUTC());
    private final java.util.Map<String, List<String>> paths = new java.util.HashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    UnitTree tree;

    private TokenHttp http;
    private String admin;
    private String adminOfA;
    private String adminOfAId;

    @BeforeAll
    void aProvinceWithTwoCommunes() throws Exception {
        created(province, null);
        created(communeA, province);
        created(communeB, province);
        created(policeA, communeA);
        created(moved, communeB);
        kafka.send(Topics.UNITS, moved, EventCodec.encode(events.create(EventTypes.UNIT_MOVED, moved, moved, null,
                List.of(province, communeA, moved), new UnitMoved(moved, LocalDate.parse("2025-07-01"), communeB,
                        List.of(province, communeB), communeA, List.of(province, communeA))))).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> tree.isWithin(policeA, communeA) && tree.isWithin(moved, communeA));
    }

    @BeforeEach
    void tokens() {
        http = new TokenHttp("http://localhost:" + port);
        admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "delegation-it-admin-secret"));
        JsonNode scoped = created(admin, "/api/v1/clients", client("ADMIN", communeA, "POLICE", List.of()));
        adminOfAId = scoped.get("clientId").asString();
        adminOfA = tokenOf(scoped);
    }

    @Test
    void aScopedAdministratorGrantsNothingBeyondItsUnitAgencyAndPermissions() {
        int before = all("/api/v1/clients", admin).size();

        var wider = http.call("POST", "/api/v1/clients", adminOfA, client("ADMIN", province, "POLICE", List.of("pii:read")));
        assertProblem(wider, 403);
        assertThat(fields(wider)).containsExactlyInAnyOrder("unitId", "permissions[0]");
        assertThat(fields(http.call("POST", "/api/v1/clients", adminOfA, client("UNIT_OFFICER", communeB, "POLICE",
                List.of())))).containsExactly("unitId");
        assertThat(fields(http.call("POST", "/api/v1/clients", adminOfA, client("UNIT_OFFICER", "nowhere-" + run,
                "POLICE", List.of())))).as("a unit not known here").containsExactly("unitId");
        assertThat(fields(http.call("POST", "/api/v1/clients", adminOfA, client("UNIT_OFFICER", policeA, "FRONT",
                List.of())))).as("another agency").containsExactly("agency");
        assertThat(fields(http.call("POST", "/api/v1/users", adminOfA, user("VIEWER", province, "POLICE"))))
                .containsExactly("unitId");
        assertThat(all("/api/v1/clients", admin)).as("nothing stored").hasSize(before);
        JsonNode denied = json(http.call("GET", "/api/v1/audit?actor=" + adminOfAId + "&outcome=DENIED", admin, null))
                .get("items");
        assertThat(denied.findValuesAsString("action")).as("every refusal audited").hasSize(5)
                .contains("POST /api/v1/clients", "POST /api/v1/users");
    }

    @Test
    void insideItsSubtreeAScopedAdministratorCreatesAnyRoleOfItsAgency() {
        for (String unit : List.of(communeA, policeA, moved)) {
            JsonNode officer = created(adminOfA, "/api/v1/clients", client("UNIT_OFFICER", unit, "POLICE", List.of()));
            var jwt = http.jwksDecoder().decode(tokenOf(officer));
            assertThat(jwt.getClaimAsString("unitId")).isEqualTo(unit);
        }
        created(adminOfA, "/api/v1/clients", client("ADMIN", communeA, "POLICE", List.of()));
        created(adminOfA, "/api/v1/users", user("UNIT_OFFICER", policeA, "POLICE"));
    }

    @Test
    void aScopedAdministratorSeesAndDeletesOnlyTheAccountsOfItsSubtree() {
        String inB = created(admin, "/api/v1/clients", client("PARTNER", communeB, "OTHER", List.of())).get("clientId").asString();
        String ofProvince = created(admin, "/api/v1/clients", client("ADMIN", province, "POLICE", List.of())).get("clientId").asString();
        String inA = created(admin, "/api/v1/clients", client("VIEWER", policeA, "FRONT", List.of())).get("clientId").asString();
        String userInB = created(admin, "/api/v1/users", user("VIEWER", communeB, "FRONT")).get("id").asString();
        String userInA = created(admin, "/api/v1/users", user("VIEWER", communeA, "FRONT")).get("id").asString();

        List<String> listed = all("/api/v1/clients", adminOfA);
        assertThat(listed).contains(inA).doesNotContain(inB, ofProvince);
        assertThat(all("/api/v1/users", adminOfA)).contains(userInA).doesNotContain(userInB);
        for (String path : List.of("/api/v1/clients/" + inB, "/api/v1/clients/" + ofProvince, "/api/v1/users/" + userInB)) {
            assertProblem(http.call("GET", path, adminOfA, null), 404);
            assertProblem(http.call("DELETE", path, adminOfA, null), 404);
            assertThat(http.call("GET", path, admin, null).statusCode()).as("still there: " + path).isEqualTo(200);
        }
        assertThat(http.call("GET", "/api/v1/clients/" + inA, adminOfA, null).statusCode()).isEqualTo(200);
        assertThat(http.call("DELETE", "/api/v1/clients/" + inA, adminOfA, null).statusCode()).isEqualTo(204);
        assertThat(http.call("DELETE", "/api/v1/users/" + userInA, adminOfA, null).statusCode()).isEqualTo(204);
        assertThat(all("/api/v1/clients", admin)).contains(inB, ofProvince).doesNotContain(inA);
    }

    @Test
    void onlyANationalAdministratorListsOrRotatesTheSigningKeys() {
        assertProblem(http.call("GET", "/api/v1/keys", adminOfA, null), 403);
        assertProblem(http.call("POST", "/api/v1/keys/rotate", adminOfA, null), 403);
        assertThat(json(http.call("GET", "/api/v1/keys", admin, null)).get("items").size()).as("no rotation happened")
                .isEqualTo(1);
    }

    /** {@code unit.created.v1} as unit-service publishes it, with the unit's path root first. */
    private void created(String unitId, String parentId) throws Exception {
        List<String> ancestors = parentId == null ? List.of() : paths.get(parentId);
        var path = new ArrayList<>(ancestors);
        path.add(unitId);
        paths.put(unitId, path);
        kafka.send(Topics.UNITS, unitId, EventCodec.encode(events.create(EventTypes.UNIT_CREATED, unitId, unitId, null,
                path, new UnitCreated(unitId, "code-" + unitId, "Đơn vị " + unitId, "COMMUNE", parentId, ancestors,
                        LocalDate.parse("2025-07-01"))))).get();
    }

    private JsonNode created(String token, String path, String body) {
        HttpResponse<String> response = http.call("POST", path, token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private String tokenOf(JsonNode client) {
        return TokenHttp.accessToken(http.tokenWithBasic(client.get("clientId").asString(),
                client.get("clientSecret").asString()));
    }

    private List<String> all(String path, String token) {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            JsonNode page = json(http.call("GET", path + "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), token, null));
            page.get("items").forEach(item -> ids.add(item.has("clientId") ? item.get("clientId").asString()
                    : item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertProblem(response, 403);
        var fields = new ArrayList<String>();
        json(response).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private static String client(String role, String unitId, String agency, List<String> permissions) {
        return """
                {"name":"%s %s","roles":["%s"],"unitId":"%s","agency":"%s","permissions":%s}"""
                .formatted(role, unique(), role, unitId, agency, permissions.isEmpty() ? "[]" : "[\"pii:read\"]");
    }

    private static String user(String role, String unitId, String agency) {
        return """
                {"username":"can.bo.%s","displayName":"Cán bộ","roles":["%s"],"unitId":"%s","agency":"%s"}"""
                .formatted(unique(), role, unitId, agency);
    }
}
