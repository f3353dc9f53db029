package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A commune police officer with {@code pii:read}, made through the admin API, who signs in with the printed password. */
record TestPerson(String username, String password, String id) {

    static TestPerson create(TokenHttp http, String adminToken) {
        String username = "can.bo." + UUID.randomUUID().toString().substring(0, 8);
        var created = http.call("POST", "/api/v1/users", adminToken, """
                {"username":"%s","displayName":"Nguyễn Văn An","roles":["UNIT_OFFICER"],"unitId":"u-31117",
                 "agency":"POLICE","permissions":["pii:read"]}""".formatted(username));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JsonMapper.shared().readTree(created.body());
        return new TestPerson(username, body.get("password").asString(), body.get("id").asString());
    }
}
