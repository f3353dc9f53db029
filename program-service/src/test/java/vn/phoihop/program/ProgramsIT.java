package vn.phoihop.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.program.ProgramServiceHarness.admin;

import com.mongodb.client.MongoDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgramsIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    @Test
    void aProgramGoesFromDraftToActiveAndEachStepIsPublishedWithItsState() throws Exception {
        String id = ProgramServiceHarness.createProgram(mvc, "09/CTr-BCA-MTTW-" + UUID.randomUUID().toString().substring(0, 6));
        mvc.perform(post("/api/v1/programs/" + id + "/indicators").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"sessions\",\"name\":\"Buổi tuyên truyền\",\"unitOfMeasure\":\"buổi\",\"aggregation\":\"SUM\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/programs/" + id + "/activate").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.version").value(3));
        mvc.perform(get("/api/v1/programs/" + id).with(admin()))
                .andExpect(jsonPath("$.indicators[0].code").value("sessions"))
                .andExpect(jsonPath("$.title").value("Đẩy mạnh phong trào Toàn dân bảo vệ an ninh Tổ quốc"));

        var records = TopicProbe.byKey(Topics.PROGRAMS, id, 3);
        var events = records.stream().map(r -> EventCodec.decode(r.value())).toList();
        assertThat(events).extracting(e -> e.type())
                .containsExactly("program.created.v1", "program.indicator-added.v1", "program.activated.v1");
        ProgramState last = EventCodec.data(events.get(2), EventTypes.PROGRAM_ACTIVATED);
        assertThat(last.version()).isEqualTo(3);
        assertThat(last.indicators()).extracting(ProgramState.Indicator::code).containsExactly("sessions");
    }

    @Test
    void conflictsAndRulesAreProblemsThatChangeNothing() throws Exception {
        String code = "DUP-" + UUID.randomUUID().toString().substring(0, 6);
        String id = ProgramServiceHarness.createProgram(mvc, code);
        long programs = database.getCollection("programs").countDocuments();
        mvc.perform(post("/api/v1/programs").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(ProgramServiceHarness.programBody(code)))
                .andExpect(status().isConflict());
        String indicator = "{\"code\":\"tips\",\"name\":\"Tin báo\",\"aggregation\":\"SUM\"}";
        postTo(id, "/indicators", indicator, 201);
        postTo(id, "/indicators", indicator, 409);
        postTo(id, "/indicators", "{\"code\":\"r\",\"name\":\"Tỉ lệ\",\"aggregation\":\"RATIO\",\"numeratorCode\":\"tips\",\"denominatorCode\":\"nope\"}", 422);
        postTo(id, "/indicators", "{\"code\":\"s\",\"name\":\"Tổng\",\"aggregation\":\"SUM\",\"numeratorCode\":\"tips\"}", 400);
        postTo(id, "/indicators", "{\"code\":\"a.b\",\"name\":\"x\",\"aggregation\":\"SUM\"}", 400);
        postTo(id, "/indicators", "{\"code\":\"c\",\"name\":\"x\",\"aggregation\":\"MEDIAN\"}", 400);
        postTo("unknown", "/activate", "", 404);
        mvc.perform(get("/api/v1/programs/" + id).with(admin())).andExpect(jsonPath("$.indicators.length()").value(1));
        assertThat(database.getCollection("programs").countDocuments()).isEqualTo(programs);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"endsOn\":\"2033-12-31\"|\"endsOn\":\"2020-01-01\"",
            "\"kind\":\"COORDINATION_PROGRAM\"|\"kind\":\"PARTY\"",
            "\"startsOn\":\"2023-01-01\"|\"startsOn\":\"01/01/2023\"",
            "\"title\":|\"status\":\"ACTIVE\",\"title\":",
            "\"aliases\":[]|\"aliases\":{\"$ne\":1}",
            "\"implementsId\":null|\"implementsId\":\"$where\"",
            // server-owned fields, operator keys and values, a text Mongo could read as an operator or field path
            "\"title\":|\"id\":\"mine\",\"title\":",
            "\"title\":|\"createdBy\":\"someone\",\"title\":",
            "\"title\":|\"version\":7,\"title\":",
            "\"title\":|\"$where\":\"1\",\"title\":",
            "\"title\":|\"a.b\":1,\"title\":",
            "\"title\":\"|\"title\":\"$where ",
            "\"startsOn\":\"2023-01-01\"|\"startsOn\":{\"$gt\":\"\"}",
            "\"issuers\":[|\"issuers\":[\"$gt\","})
    void badProgramsAreBadRequests(String replacement) throws Exception {
        String[] parts = replacement.split("\\|");
        String body = ProgramServiceHarness.programBody("BAD-" + UUID.randomUUID().toString().substring(0, 6)).replace(parts[0], parts[1]);
        long before = database.getCollection("programs").countDocuments();
        mvc.perform(post("/api/v1/programs").with(admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(database.getCollection("programs").countDocuments()).isEqualTo(before);
    }

    @Test
    void withoutATokenNothingIsServed() throws Exception {
        mvc.perform(get("/api/v1/programs/x")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
    }

    private void postTo(String id, String path, String body, int expected) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/programs/" + id + path)
                .with(admin());
        if (!body.isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        mvc.perform(request).andExpect(status().is(expected));
    }

}
