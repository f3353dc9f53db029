package vn.phoihop.auth;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.phoihop.auth.TokenHttp.assertProblem;
import static vn.phoihop.auth.TokenHttp.json;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;
import vn.phoihop.auth.key.KeyRing;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Rotation of the signing keys: new tokens get the new kid at once, tokens signed before still validate against
 * the JWKS for the overlap, then the old key leaves the JWKS and its private part the database. Short lifetimes,
 * so the whole life of a key fits in a test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.admin-client-secret=keys-it-admin-secret",
        "phoihop.auth.access-token-ttl=20s",
        "phoihop.auth.signing-key-overlap=25s",
        "phoihop.auth.key-encryption-secret=keys-it-key-encryption-secret-0123456789",
        "phoihop.auth.data-dir=target/keys-it",
        "spring.mongodb.database=keys-it"})
@WithInfrastructure
class KeysIT {

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    KeyRing ring;

    @Test
    void afterARotationNewTokensHaveTheNewKidOldOnesStillValidateThenTheOldKeyIsRetired() throws Exception {
        var http = new TokenHttp("http://localhost:" + port);
        String before = adminToken(http);
        String oldKid = kid(http, before);

        var rotated = http.call("POST", "/api/v1/keys/rotate", before, null);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String newKid = json(rotated).get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(json(rotated).get("status").asString()).isEqualTo("ACTIVE");
        String after = adminToken(http);
        assertThat(kid(http, after)).isEqualTo(newKid);
        assertThat(kid(http, before)).as("signed before, checked against the JWKS now").isEqualTo(oldKid);
        assertThat(http.call("GET", "/api/v1/keys", before, null).statusCode()).as("and by this server").isEqualTo(200);
        assertThat(http.get("/oauth2/jwks").body()).contains(oldKid).contains(newKid).doesNotContain("\"d\"");
        Map<String, JsonNode> listed = listed(http, after);
        assertThat(listed.get(newKid).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(listed.get(oldKid).get("status").asString()).isEqualTo("PUBLISHED");
        Instant retireAt = Instant.parse(listed.get(oldKid).get("retireAt").asString());
        assertThat(retireAt).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(26));

        while (Instant.now().isBefore(retireAt.plusMillis(200))) {
            Thread.sleep(500);
        }

        assertThat(http.get("/oauth2/jwks").body()).doesNotContain(oldKid).contains(newKid);
        String later = adminToken(http);
        assertThat(kid(http, later)).isEqualTo(newKid);
        assertThat(listed(http, later).get(oldKid).get("status").asString()).isEqualTo("RETIRED");
        Document retired = database.getCollection("keys").find(eq("_id", oldKid)).first();
        assertThat(retired).doesNotContainKey("privateKey");
    }

    @Test
    void theListShowsNoKeyMaterialAndTheDatabaseOnlyCiphertext() {
        var http = new TokenHttp("http://localhost:" + port);
        var list = http.call("GET", "/api/v1/keys", adminToken(http), null);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(ring.signingKey().getKeyID()).doesNotContain("\"d\"").doesNotContain("\"n\"")
                .doesNotContain("privateKey").doesNotContain("publicKey");
        Document stored = database.getCollection("keys").find(eq("_id", ring.signingKey().getKeyID())).first();
        assertThat(stored.get("privateKey", Document.class).getString("alg")).isEqualTo("AES-256-GCM/PBKDF2");
        assertThat(stored.toJson()).doesNotContain(ring.signingKey().getPrivateExponent().toString())
                .doesNotContain(ring.signingKey().getFirstPrimeFactor().toString());
    }

    @Test
    void onlyAnAdministratorMayListOrRotate() {
        var http = new TokenHttp("http://localhost:" + port);
        String admin = adminToken(http);
        var client = json(http.call("POST", "/api/v1/clients", admin, """
                {"name":"keys viewer","roles":["VIEWER"],"unitId":"u-1","agency":"OTHER"}"""));
        String viewer = TokenHttp.accessToken(http.tokenWithBasic(client.get("clientId").asString(),
                client.get("clientSecret").asString()));
        String active = ring.signingKey().getKeyID();

        assertProblem(http.call("POST", "/api/v1/keys/rotate", viewer, null), 403);
        assertProblem(http.call("GET", "/api/v1/keys", viewer, null), 403);
        assertProblem(http.call("POST", "/api/v1/keys/rotate", null, null), 401);
        assertProblem(http.call("GET", "/api/v1/keys", null, null), 401);
        assertThat(ring.signingKey().getKeyID()).as("not rotated").isEqualTo(active);
    }

    private static String adminToken(TokenHttp http) {
        return TokenHttp.accessToken(http.tokenWithBasic("admin", "keys-it-admin-secret"));
    }

    /** The kid of a token whose signature was checked against the published JWKS. */
    private static String kid(TokenHttp http, String token) {
        Jwt jwt = http.jwksDecoder().decode(token);
        return jwt.getHeaders().get("kid").toString();
    }

    private static Map<String, JsonNode> listed(TokenHttp http, String token) {
        var byKid = new HashMap<String, JsonNode>();
        json(http.call("GET", "/api/v1/keys", token, null)).get("items").forEach(k -> byKid.put(k.get("kid").asString(), k));
        return byKid;
    }
}
