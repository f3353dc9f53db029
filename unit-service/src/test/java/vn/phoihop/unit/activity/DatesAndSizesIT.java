package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.phoihop.logguard.PersonalDataSamples;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Dates a caller sends to unit-service lie in the calendar window 1900-01-01..2199-12-31 (a year of more than four
 * digits never does): a 400 naming the field otherwise, and nothing stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class DatesAndSizesIT extends ActivityFixture {

    @Test
    void anActivityDatedOutsideTheWindowIsA400NamingOccurredOn() throws Exception {
        for (String on : List.of("+10000-01-01", "-999999999-01-01", "1899-12-31")) {
            String body = body(police, List.of(), "{\"sessions\": 1}").replace(YESTERDAY.toString(), on);
            fields(postJson("/api/v1/activities", body, policeOfficer()), "occurredOn");
            String batch = mvc.perform(post("/api/v1/activities/batch").with(policeOfficer())
                    .contentType(MediaType.APPLICATION_JSON).content("[" + body + "]")).andReturn().getResponse()
                    .getContentAsString();
            assertThat((Integer) JsonPath.read(batch, "$.results[0].status")).isEqualTo(400);
        }
        assertThat(storedFor(program)).isZero();
    }

    @Test
    void theActivityListsDatesLieInTheWindow() throws Exception {
        fields(send(get("/api/v1/activities").param("from", "-999999999-01-01").param("to", "+999999999-12-31")),
                "from", "to");
        fields(send(get("/api/v1/activities").param("from", "1899-12-31")), "from");
    }

    @Test
    void unitDatesLieInTheWindow() throws Exception {
        fields(send(post("/api/v1/units").contentType(MediaType.APPLICATION_JSON).content(
                "{\"code\":\"X-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Tổ\",\"kind\":\"SECURITY_TEAM\","
                        + "\"parentId\":\"" + commune + "\",\"validFrom\":\"0001-01-01\"}")), "validFrom");
        fields(send(get("/api/v1/units").param("asOf", "+999999999-12-31")), "asOf");
        fields(send(get("/api/v1/units/" + commune).param("asOf", "-999999999-01-01")), "asOf");
        fields(send(post("/api/v1/units/" + team + "/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"newParentId\":\"" + province + "\",\"effectiveDate\":\"+10000-01-01\"}")), "effectiveDate");
        fields(send(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sourceIds\":[\"" + team + "\"],\"target\":{\"id\":\"" + commune + "\"},"
                        + "\"effectiveDate\":\"1800-01-01\"}")), "effectiveDate");
        fields(send(post("/api/v1/units/import").param("validFrom", "+999999999-12-31").contentType("text/csv")
                .content("code,name,level,parent_code\n")), "validFrom");
        String merge = send(post("/api/v1/units/merges/import").contentType("text/csv")
                .content("old_code,new_code,effective_date\nA1,B1,+10000-01-01\n")).andReturn().getResponse()
                .getContentAsString();
        assertThat(merge).contains("1900-01-01 to 2199-12-31");
    }

    @Test
    void memberDatesLieInTheWindow() throws Exception {
        String member = "{\"fullName\":\"" + PersonalDataSamples.FULL_NAME + "\",\"role\":\"MEMBER\",\"joinedOn\":\"1800-01-01\","
                + "\"leftOn\":\"+10000-01-01\",\"consent\":{\"basis\":\"CONSENT\",\"givenOn\":\"-999999999-01-01\"}}";
        fields(send(post("/api/v1/units/" + team + "/members").contentType(MediaType.APPLICATION_JSON).content(member)),
                "joinedOn", "leftOn", "consent.givenOn");
        String added = send(post("/api/v1/units/" + team + "/members").contentType(MediaType.APPLICATION_JSON)
                .content(member.replace("1800-01-01", "2025-08-01").replace("\"leftOn\":\"+10000-01-01\",", "")
                        .replace(",\"consent\":{\"basis\":\"CONSENT\",\"givenOn\":\"-999999999-01-01\"}", "")))
                .andReturn().getResponse().getContentAsString();
        String memberId = JsonPath.read(added, "$.id");
        fields(send(put("/api/v1/units/" + team + "/members/" + memberId + "/consent").contentType(MediaType.APPLICATION_JSON)
                .content("{\"basis\":\"CONSENT\",\"givenOn\":\"+10000-01-01\"}")), "givenOn");
    }

    private ResultActions send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(Callers.admin()));
    }

    /** A 400 problem whose {@code errors} name each field. */
    private static void fields(ResultActions result, String... fields) throws Exception {
        assertProblem(result, 400);
        List<String> named = JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.errors[*].field");
        assertThat(named).as(result.andReturn().getResponse().getContentAsString()).contains(fields);
    }
}
