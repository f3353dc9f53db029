package vn.phoihop.auth;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.phoihop.auth.TokenHttp.assertProblem;
import static vn.phoihop.auth.TokenHttp.json;
import static vn.phoihop.auth.TokenHttp.strings;
import static vn.phoihop.auth.TokenHttp.unique;

import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.phoihop.auth.key.KeyRing;
import vn.phoihop.testsupport.WithInfrastructure;

/** The admin API for clients, over HTTP with real tokens, and the tokens the created clients obtain. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.issuer-uri=http://issuer.test:9000",
        "phoihop.auth.admin-client-secret=clients-it-admin-secret",
        "spring.mongodb.database=clients-it"})
@WithInfrastructure
class ClientsIT {

    private static final Path DATA = tempDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("phoihop.auth.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    KeyRing keys;

    private TokenHttp http;
    private String admin;

    @BeforeEach
    void adminToken() {
        http = new TokenHttp("http://localhost:" + port);
        admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "clients-it-admin-secret"));
    }

    @Test
    void aCreatedClientGetsTokensWithItsClaimsAndItsSecretIsShownOnlyOnce() {
        var created = http.call("POST", "/api/v1/clients", admin, """
                {"name":"Công an phường Ninh Kiều %s","roles":["UNIT_OFFICER"],"unitId":"u-31117",
                 "agency":"POLICE","permissions":["pii:read"]}""".formatted(unique()));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode body = json(created);
        String id = body.get("clientId").asString();
        String secret = body.get("clientSecret").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/clients/" + id);
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("name").asString()).startsWith("Công an phường Ninh Kiều");
        assertThat(strings(body.get("roles"))).containsExactly("UNIT_OFFICER");
        assertThat(body.get("unitId").asString()).isEqualTo("u-31117");
        assertThat(body.get("agency").asString()).isEqualTo("POLICE");
        assertThat(strings(body.get("permissions"))).containsExactly("pii:read");

        var token = http.tokenWithBasic(id, secret);
        assertThat(token.statusCode()).isEqualTo(200);
        Jwt jwt = http.jwksDecoder().decode(TokenHttp.accessToken(token));
        TokenHttp.assertOfficerOfUnit31117(jwt, id);

        var one = http.call("GET", "/api/v1/clients/" + id, admin, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).get("createdAt").asString()).isNotBlank();
        assertThat(json(one).get("agency").asString()).isEqualTo("POLICE");
        var list = http.call("GET", "/api/v1/clients", admin, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(clientIds(json(list))).contains(id);
        for (var shown : List.of(one.body(), list.body())) {
            assertThat(shown).doesNotContain(secret).doesNotContain("bcrypt").doesNotContainIgnoringCase("secret");
        }
    }

    @Test
    void onlyABcryptHashOfTheSecretIsStored() {
        JsonNode body = create("VIEWER", "FRONT");
        String secret = body.get("clientSecret").asString();

        Document stored = database.getCollection("clients").find(eq("_id", body.get("clientId").asString())).first();

        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(secret);
        assertThat(stored.getString("secretHash")).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches(secret, stored.getString("secretHash"))).isTrue();
    }

    @Test
    void aDeletedClientCanNoLongerObtainTokens() {
        JsonNode body = create("PARTNER", "OTHER");
        String id = body.get("clientId").asString();
        String secret = body.get("clientSecret").asString();
        assertThat(http.tokenWithBasic(id, secret).statusCode()).isEqualTo(200);

        assertThat(http.call("DELETE", "/api/v1/clients/" + id, admin, null).statusCode()).isEqualTo(204);

        var refused = http.tokenWithBasic(id, secret);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"error\":\"invalid_client\"");
        assertThat(http.call("GET", "/api/v1/clients/" + id, admin, null).statusCode()).isEqualTo(404);
        assertThat(http.call("DELETE", "/api/v1/clients/" + id, admin, null).statusCode()).isEqualTo(404);
        assertThat(clientIds(json(http.call("GET", "/api/v1/clients?limit=500", admin, null)))).doesNotContain(id);
    }

    @Test
    void aTokenWithoutRoleAdminIsForbidden() {
        JsonNode body = create("PROGRAM_MANAGER", "FRONT");
        String manager = TokenHttp.accessToken(http.tokenWithBasic(body.get("clientId").asString(),
                body.get("clientSecret").asString()));

        for (var response : List.of(http.call("GET", "/api/v1/clients", manager, null),
                http.call("GET", "/api/v1/clients/" + body.get("clientId").asString(), manager, null),
                http.call("POST", "/api/v1/clients", manager, request("ADMIN", "OTHER")),
                http.call("DELETE", "/api/v1/clients/" + body.get("clientId").asString(), manager, null))) {
            assertProblem(response, 403);
        }
        assertThat(http.call("GET", "/api/v1/clients/" + body.get("clientId").asString(), admin, null).statusCode())
                .as("not deleted").isEqualTo(200);
    }

    @Test
    void withoutAValidTokenItIsUnauthorized() throws Exception {
        assertProblem(http.call("GET", "/api/v1/clients", null, null), 401);
        assertProblem(http.call("POST", "/api/v1/clients", null, request("ADMIN", "OTHER")), 401);
        assertProblem(http.call("GET", "/api/v1/clients", "not-a-jwt", null), 401);

        RSAKey key = keys.signingKey(); // our own key: only the claims make these tokens wrong
        assertThat(http.call("GET", "/api/v1/clients", mint(key, "http://issuer.test:9000", "phoihop", 60), null)
                .statusCode()).as("the control: right issuer, audience and time").isEqualTo(200);
        assertProblem(http.call("GET", "/api/v1/clients", mint(key, "http://elsewhere.test", "phoihop", 60), null), 401);
        assertProblem(http.call("GET", "/api/v1/clients", mint(key, "http://issuer.test:9000", "other-api", 60), null), 401);
        assertProblem(http.call("GET", "/api/v1/clients", mint(key, "http://issuer.test:9000", "phoihop", -300), null), 401);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate(); // same kid, another key
        assertProblem(http.call("GET", "/api/v1/clients", mint(stranger, "http://issuer.test:9000", "phoihop", 60), null), 401);
    }

    @Test
    void aTokenOfOurOwnKeyMustSayWhenItWasIssuedAndExpiresAndLiveAtMostAnHour() throws Exception {
        RSAKey key = keys.signingKey();
        Instant now = Instant.now();
        assertThat(http.call("GET", "/api/v1/clients", mint(key, c -> c), null).statusCode()).as("the control")
                .isEqualTo(200);
        for (String token : List.of(mint(key, c -> c.expirationTime(null)), mint(key, c -> c.issueTime(null)),
                mint(key, c -> c.expirationTime(Date.from(now.plus(java.time.Duration.ofDays(3650))))),
                mint(key, c -> c.issueTime(Date.from(now.plusSeconds(86_400)))
                        .expirationTime(Date.from(now.plusSeconds(86_400 + 60)))))) {
            assertProblem(http.call("GET", "/api/v1/clients", token, null), 401);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\",\"secret\":\"mine\"}",
            "{\"name\":\"x\",\"roles\":[\"SUPERUSER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"ARMY\"}",
            "{\"name\":\"x\",\"roles\":[],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"name\":\"x\",\"roles\":\"VIEWER\",\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"name\":\"x\",\"roles\":[null],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"name\":\"  \",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"agency\":\"POLICE\"}",
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":{\"$ne\":null},\"agency\":\"POLICE\"}",
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"$ne\",\"agency\":\"POLICE\"}",
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\",\"permissions\":[\"root\"]}",
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\",\"permissions\":\"pii:read\"}",
            "{\"name\":\"x\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":5}",
            "{\"name\":\"\u202Egnp.exe\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "{\"name\":\"ad\u200Bmin\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"POLICE\"}",
            "not json",
            "[]"})
    void badBodiesAreProblemsAndCreateNothing(String bad) {
        int before = clientIds(json(http.call("GET", "/api/v1/clients?limit=500", admin, null))).size();

        assertProblem(http.call("POST", "/api/v1/clients", admin, bad), 400);

        assertThat(clientIds(json(http.call("GET", "/api/v1/clients?limit=500", admin, null)))).hasSize(before);
    }

    @Test
    void everyMistakeIsNamedWithWhatWouldBeAccepted() {
        var response = http.call("POST", "/api/v1/clients", admin,
                "{\"name\":\"\",\"roles\":[\"VIEWER\",\"BOSS\"],\"unitId\":\"u 1\",\"agency\":\"ARMY\",\"permissions\":[\"root\"]}");

        assertProblem(response, 400);
        JsonNode errors = json(response).get("errors");
        var fields = new ArrayList<String>();
        errors.forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("name", "roles[1]", "unitId", "agency", "permissions[0]");
        assertThat(errors.toString()).contains("ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER, PARTNER")
                .contains("POLICE, FRONT, OTHER").contains("pii:read");
    }

    @Test
    void aNameInUseIsAConflict() {
        String name = "Ban chỉ đạo 138 " + unique();
        String first = "{\"name\":\"" + name + "\",\"roles\":[\"VIEWER\"],\"unitId\":\"u1\",\"agency\":\"FRONT\"}";
        assertThat(http.call("POST", "/api/v1/clients", admin, first).statusCode()).isEqualTo(201);

        var again = http.call("POST", "/api/v1/clients", admin, first.replace("VIEWER", "PARTNER"));

        assertProblem(again, 409);
        assertThat(json(again).get("detail").asString()).contains(name);
    }

    @Test
    void pagesFollowTheCursorWithoutRepeats() {
        var made = List.of(create("VIEWER", "POLICE"), create("VIEWER", "FRONT"), create("VIEWER", "OTHER")).stream()
                .map(b -> b.get("clientId").asString()).toList();
        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(http.call("GET", "/api/v1/clients?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin, null));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(clientIds(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(seen).doesNotHaveDuplicates().containsAll(made);
        assertProblem(http.call("GET", "/api/v1/clients?limit=0", admin, null), 400);
        assertProblem(http.call("GET", "/api/v1/clients?limit=501", admin, null), 400);
        assertProblem(http.call("GET", "/api/v1/clients?limit=ten", admin, null), 400);
        assertProblem(http.call("GET", "/api/v1/clients?cursor=%24ne", admin, null), 400);
    }

    @Test
    void theConfiguredAdminIsNeitherListedNorDeletable() {
        assertThat(clientIds(json(http.call("GET", "/api/v1/clients?limit=500", admin, null)))).doesNotContain("admin");
        assertProblem(http.call("DELETE", "/api/v1/clients/admin", admin, null), 404);
        assertThat(http.tokenWithBasic("admin", "clients-it-admin-secret").statusCode()).isEqualTo(200);
    }

    private JsonNode create(String role, String agency) {
        var response = http.call("POST", "/api/v1/clients", admin, request(role, agency));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static String request(String role, String agency) {
        return "{\"name\":\"client " + unique() + "\",\"roles\":[\"" + role + "\"],\"unitId\":\"u-1\",\"agency\":\""
                + agency + "\"}";
    }

    private static String mint(RSAKey key, String issuer, String audience, long secondsLeft) throws Exception {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().subject("minted").issuer(issuer).audience(audience)
                .issueTime(Date.from(now.minusSeconds(600))).notBeforeTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.plusSeconds(secondsLeft))).claim("roles", List.of("ADMIN")).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** A 15-minute admin token of this server's issuer and audience, changed by {@code change}. */
    private static String mint(RSAKey key, java.util.function.UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().subject("minted").issuer("http://issuer.test:9000").audience("phoihop")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(900))).claim("roles", List.of("ADMIN"));
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static List<String> clientIds(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("items").forEach(item -> ids.add(item.get("clientId").asString()));
        return ids;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("auth-clients-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
