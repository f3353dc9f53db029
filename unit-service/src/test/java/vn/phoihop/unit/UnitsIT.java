package vn.phoihop.unit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import vn.phoihop.testsupport.Callers;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.Topics;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class UnitsIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    @Test
    void aUnitUnderAParentCarriesItsAncestorsAndPublishesUnitCreated() throws Exception {
        String province = create("{\"code\":\"P92\",\"name\":\"Thành phố Cần Thơ\",\"kind\":\"PROVINCE\",\"validFrom\":\"2025-07-01\"}");
        String ward = create("{\"code\":\"W31117\",\"name\":\"Phường Ninh Kiều\",\"kind\":\"COMMUNE\",\"parentId\":\"" + province + "\"}");

        mvc.perform(get("/api/v1/units/" + ward).with(Callers.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Phường Ninh Kiều"))
                .andExpect(jsonPath("$.ancestorIds", contains(province)))
                .andExpect(jsonPath("$.validTo").isEmpty())
                .andExpect(jsonPath("$.successorIds", empty()));

        var records = TopicProbe.byKey(Topics.UNITS, ward, 1);
        CloudEvent created = records.stream().map(r -> EventCodec.decode(r.value()))
                .findFirst().orElseThrow();
        org.assertj.core.api.Assertions.assertThat(created.type()).isEqualTo("unit.created.v1");
        org.assertj.core.api.Assertions.assertThat(created.ancestorids()).isEqualTo(province);
    }

    @Test
    void aCodeInUseIsAConflictAndStoresNothing() throws Exception {
        create("{\"code\":\"DUP1\",\"name\":\"Xã A\",\"kind\":\"COMMUNE\"}");
        long before = units();
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"DUP1\",\"name\":\"Xã B\",\"kind\":\"COMMUNE\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        org.assertj.core.api.Assertions.assertThat(units()).isEqualTo(before);
    }

    @Test
    void aCodeIsUniqueAmongUnitsValidAtTheSameTimeEvenAfterOneHasEnded() throws Exception {
        String old = create("{\"code\":\"DUP2\",\"name\":\"Xã Cũ\",\"kind\":\"COMMUNE\",\"validFrom\":\"2020-01-01\"}");
        mvc.perform(post("/api/v1/units/merge").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sourceIds\":[\"" + old + "\"],\"target\":{\"code\":\"DUP2-NEW\",\"name\":\"Xã Mới\","
                                + "\"kind\":\"COMMUNE\"},\"effectiveDate\":\"2025-07-01\"}"))
                .andExpect(status().isOk());
        long before = units();

        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"DUP2\",\"name\":\"Xã Trùng\",\"kind\":\"COMMUNE\",\"validFrom\":\"2024-01-01\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("until 2025-07-01")));
        org.assertj.core.api.Assertions.assertThat(units()).isEqualTo(before);

        create("{\"code\":\"DUP2\",\"name\":\"Xã Sau\",\"kind\":\"COMMUNE\",\"validFrom\":\"2025-07-01\"}");
        org.assertj.core.api.Assertions.assertThat(units()).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"code\":\"X1\",\"name\":\"Xã\",\"kind\":\"GALAXY\"}",
            "{\"code\":\"X1\",\"name\":\"\",\"kind\":\"COMMUNE\"}",
            "{\"code\":\"X1\",\"name\":{\"$gt\":\"\"},\"kind\":\"COMMUNE\"}",
            "{\"code\":{\"$gt\":\"\"},\"name\":\"Xã\",\"kind\":\"COMMUNE\"}",
            "{\"code\":\"$ne\",\"name\":\"Xã\",\"kind\":\"COMMUNE\"}",
            "{\"code\":\"X1\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"parentId\":{\"$ne\":null}}",
            "{\"code\":\"X1\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"ancestorIds\":[\"x\"]}",
            "{\"code\":\"X1\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"validFrom\":\"yesterday\"}",
            "{\"code\":\"X1\",\"name\":\"Xã\"",
            "[]"})
    void badBodiesAreProblemsAndStoreNothing(String body) throws Exception {
        long before = units();
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.startsWith("https://phoihop.vn/problems/")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not("Failed to read request")));
        org.assertj.core.api.Assertions.assertThat(units()).isEqualTo(before);
    }

    @Test
    void aNameOfAThousandCharactersIsRefused() throws Exception {
        long before = units();
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"X4\",\"name\":\"" + "Ơ".repeat(1000) + "\",\"kind\":\"COMMUNE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        org.assertj.core.api.Assertions.assertThat(units()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheSizeLimitIs413AndStoresNothing() throws Exception {
        long before = units();
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"X5\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413));
        org.assertj.core.api.Assertions.assertThat(units()).isEqualTo(before);
    }

    @Test
    void theProblemSaysWhichFieldWasWrong() throws Exception {
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"X3\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"parentId\":{\"$ne\":null}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("parentId")));
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"X3\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"status\":\"ACTIVE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Unknown field 'status'"));
    }

    @Test
    void theOpenApiDocumentPointsAtTheGateway() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.servers[0].url").value("/"))
                .andExpect(jsonPath("$.paths['/api/v1/activities']").exists());
    }

    @Test
    void anUnknownParentIsRefused() throws Exception {
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"X2\",\"name\":\"Xã\",\"kind\":\"COMMUNE\",\"parentId\":\"nope\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("parentId"));
    }

    @Test
    void lookupsAndProtocolErrorsAreProblemsToo() throws Exception {
        mvc.perform(get("/api/v1/units/unknown-id").with(Callers.admin()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/units/{id}", "$where").with(Callers.admin())).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(get("/api/v1/units/any"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theCorrelationIdIsEchoedOrCreated() throws Exception {
        mvc.perform(get("/api/v1/units/x").with(Callers.admin()).header("X-Request-Id", "abc-123"))
                .andExpect(header().string("X-Request-Id", "abc-123"));
        mvc.perform(get("/api/v1/units/x").with(Callers.admin()).header("X-Request-Id", "bad id\nforged"))
                .andExpect(header().string("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}")));
    }

    private String create(String body) throws Exception {
        String json = mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private long units() {
        return database.getCollection("units").countDocuments();
    }
}
