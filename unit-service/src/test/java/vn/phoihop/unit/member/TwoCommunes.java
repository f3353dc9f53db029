package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import vn.phoihop.testsupport.Callers;

/**
 * The tree the member scope tests work in: commune A → team A, commune B → team B, with fresh codes each time, and
 * the helpers they share to look at rosters and problems.
 */
record TwoCommunes(String communeA, String teamA, String communeB, String teamB) {

    static TwoCommunes create(MockMvc mvc, String codePrefix) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String communeA = unit(mvc, "{\"code\":\"" + codePrefix + "A-" + tag
                + "\",\"name\":\"Xã A\",\"kind\":\"COMMUNE\",\"validFrom\":\"2025-07-01\"}");
        String teamA = unit(mvc, "{\"code\":\"" + codePrefix + "TA-" + tag + "\",\"name\":\"Tổ A\",\"kind\":\"SECURITY_TEAM\","
                + "\"parentId\":\"" + communeA + "\",\"validFrom\":\"2025-07-01\"}");
        String communeB = unit(mvc, "{\"code\":\"" + codePrefix + "B-" + tag
                + "\",\"name\":\"Xã B\",\"kind\":\"COMMUNE\",\"validFrom\":\"2025-07-01\"}");
        String teamB = unit(mvc, "{\"code\":\"" + codePrefix + "TB-" + tag + "\",\"name\":\"Tổ B\",\"kind\":\"SECURITY_TEAM\","
                + "\"parentId\":\"" + communeB + "\",\"validFrom\":\"2025-07-01\"}");
        return new TwoCommunes(communeA, teamA, communeB, teamB);
    }

    /** The members stored in the unit's roster document, as MongoDB holds them. */
    static List<Document> members(MongoDatabase database, String unitId) {
        Document roster = database.getCollection("rosters").find(new Document("_id", unitId)).first();
        return roster == null ? List.of() : roster.getList("members", Document.class);
    }

    static String id(ResultActions result) throws Exception {
        return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
    }

    /** Asserts an RFC 9457 problem with this status. */
    static ResultActions problem(ResultActions result, int status) throws Exception {
        var response = result.andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        return result;
    }

    private static String unit(MockMvc mvc, String body) throws Exception {
        return id(mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()));
    }
}
