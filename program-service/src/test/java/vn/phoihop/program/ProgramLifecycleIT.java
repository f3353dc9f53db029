package vn.phoihop.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.program.ProgramServiceHarness.admin;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** A program's lifecycle, enrolments, targets and listing, with the unit tree program-service learns from events. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgramLifecycleIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String CAN_THO = "ct-" + RUN;
    static final String NINH_KIEU = "nk-" + RUN;
    static final String HA_NOI = "hn-" + RUN;

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void unitsArriveAsEvents(@Autowired KafkaTemplate<String, String> kafka, @Autowired EventCodec events,
            @Autowired UnitTreeView units) throws Exception {
        publish(kafka, events, new UnitCreated(CAN_THO, "92-" + RUN, "Thành phố Cần Thơ", "PROVINCE", null, List.of(),
                LocalDate.parse("2004-01-01")));
        publish(kafka, events, new UnitCreated(NINH_KIEU, "916-" + RUN, "Quận Ninh Kiều", "DISTRICT", CAN_THO,
                List.of(CAN_THO), LocalDate.parse("2004-01-01")));
        publish(kafka, events, new UnitCreated(HA_NOI, "01-" + RUN, "Thành phố Hà Nội", "PROVINCE", null, List.of(),
                LocalDate.parse("2008-08-01")));
        await().atMost(Duration.ofSeconds(60)).until(() -> units.find(HA_NOI).isPresent() && units.find(NINH_KIEU).isPresent());
    }

    private static void publish(KafkaTemplate<String, String> kafka, EventCodec events, UnitCreated unit) throws Exception {
        var path = new java.util.ArrayList<>(unit.ancestorIds());
        path.add(unit.unitId());
        var event = events.create(EventTypes.UNIT_CREATED, unit.unitId(), unit.unitId(), null, path, unit);
        kafka.send(Topics.UNITS, unit.unitId(), EventCodec.encode(event)).get();
    }

    @Test
    void aProgramIsActivatedSuspendedResumedAndConcludedAndThenNothingOfItChanges() throws Exception {
        String id = create("LC-" + RUN, CAN_THO);
        post(id, "/activate", "").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no indicators")));
        post(id, "/indicators", "{\"code\":\"sessions\",\"name\":\"Buổi tuyên truyền\",\"aggregation\":\"SUM\"}")
                .andExpect(status().isCreated());
        post(id, "/conclude", "").andExpect(status().isConflict());
        post(id, "/activate", "").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        post(id, "/suspend", "").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUSPENDED"));
        post(id, "/suspend", "").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SUSPENDED"));
        post(id, "/activate", "").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        post(id, "/conclude", "").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONCLUDED"));

        post(id, "/activate", "").andExpect(status().isConflict());
        post(id, "/suspend", "").andExpect(status().isConflict());
        post(id, "/indicators", "{\"code\":\"tips\",\"name\":\"Tin báo\",\"aggregation\":\"SUM\"}").andExpect(status().isConflict());
        post(id, "/enrollments", "{\"unitId\":\"" + NINH_KIEU + "\"}").andExpect(status().isConflict());
        post(id, "/targets", target("sessions", NINH_KIEU, "2024-01-01", "2024-12-31", 10)).andExpect(status().isConflict());
        mvc.perform(get("/api/v1/programs/" + id).with(admin()))
                .andExpect(jsonPath("$.version").value(6))
                .andExpect(jsonPath("$.indicators.length()").value(1))
                .andExpect(jsonPath("$.enrolledUnitIds.length()").value(0));

        var types = TopicProbe.byKey(Topics.PROGRAMS, id, 6).stream().map(r -> EventCodec.decode(r.value()).type()).toList();
        assertThat(types).containsExactly("program.created.v1", "program.indicator-added.v1", "program.activated.v1",
                "program.suspended.v1", "program.resumed.v1", "program.concluded.v1");
    }

    @Test
    void enrolmentsAndTargetsStayInsideTheScopeAndThePeriod() throws Exception {
        String id = create("EN-" + RUN, CAN_THO);
        post(id, "/indicators", "{\"code\":\"households\",\"name\":\"Hộ gia đình\",\"aggregation\":\"SUM\"}")
                .andExpect(status().isCreated());

        post(id, "/enrollments", "{\"unitId\":\"" + NINH_KIEU + "\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.enrolledUnitIds[0]").value(NINH_KIEU));
        post(id, "/enrollments", "{\"unitId\":\"" + NINH_KIEU + "\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.enrolledUnitIds.length()").value(1));
        post(id, "/enrollments", "{\"unitId\":\"" + HA_NOI + "\"}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value("outside the program's scope"));
        post(id, "/enrollments", "{\"unitId\":\"nowhere\"}").andExpect(status().isUnprocessableContent());
        post(id, "/enrollments", "{\"unitId\":{\"$gt\":\"\"}}").andExpect(status().isBadRequest());

        post(id, "/targets", target("households", CAN_THO, "2024-01-01", "2024-12-31", 268031)).andExpect(status().isCreated());
        post(id, "/targets", target("households", CAN_THO, "2024-01-01", "2024-12-31", 270000)).andExpect(status().isCreated());
        post(id, "/targets", target("unknown", CAN_THO, "2024-01-01", "2024-12-31", 1)).andExpect(status().isUnprocessableContent());
        post(id, "/targets", target("households", HA_NOI, "2024-01-01", "2024-12-31", 1)).andExpect(status().isUnprocessableContent());
        post(id, "/targets", target("households", CAN_THO, "2024-12-31", "2024-01-01", 1)).andExpect(status().isBadRequest());
        post(id, "/targets", target("households", CAN_THO, "2020-01-01", "2020-12-31", 1)).andExpect(status().isUnprocessableContent());
        post(id, "/targets", target("households", CAN_THO, "2024-01-01", "2024-12-31", -1)).andExpect(status().isBadRequest());
        post(id, "/targets", target("households", CAN_THO, "2024-01-01", "2024-12-31", Double.POSITIVE_INFINITY)).andExpect(status().isBadRequest());

        mvc.perform(get("/api/v1/programs/" + id).with(admin()))
                .andExpect(jsonPath("$.targets.length()").value(1))
                .andExpect(jsonPath("$.targets[0].value").value(270000.0));
        var last = TopicProbe.byKey(Topics.PROGRAMS, id, 5).get(4);
        CloudEvent envelope = EventCodec.decode(last.value());
        ProgramState state = EventCodec.data(envelope, ProgramState.class);
        assertThat(state.enrolledUnitIds()).containsExactly(NINH_KIEU);
        assertThat(envelope.unitPath()).as("the scope unit with its ancestors").containsExactly(CAN_THO);
        assertThat(envelope.scopeUnitIds()).as("enrolled units with theirs, for unit-scoped readers")
                .containsExactly(CAN_THO, NINH_KIEU);
    }

    @Test
    void programsAreListedByStatusAndFoundByCodeAliasOrTitleWithoutDiacritics() throws Exception {
        String body = ProgramServiceHarness.programBody("09/CTr-BCA-MTTW-" + RUN)
                .replace("\"aliases\":[]", "\"aliases\":[\"09/Ctr-BCA-TTTW-" + RUN + "\"]");
        String json = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/programs")
                        .with(admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(json, "$.id");

        for (String q : List.of("09/ctr-bca-tttw-" + RUN, "09/CTr-BCA-MTTW-" + RUN)) {
            List<String> ids = JsonPath.read(list("?q=" + q), "$.items[*].id");
            assertThat(ids).as(q).containsExactly(id);
        }
        List<String> byTitle = JsonPath.read(list("?q=toan dan bao ve AN NINH&limit=500"), "$.items[*].id");
        assertThat(byTitle).contains(id);
        List<String> active = JsonPath.read(list("?status=ACTIVE&limit=500"), "$.items[*].id");
        assertThat(active).doesNotContain(id);

        String first = list("?q=" + RUN + "&limit=1");
        String cursor = JsonPath.read(first, "$.nextCursor");
        assertThat(cursor).isNotNull();
        List<String> second = JsonPath.read(list("?q=" + RUN + "&limit=1&cursor=" + cursor), "$.items[*].id");
        assertThat(second).hasSize(1).doesNotContain((String) JsonPath.read(first, "$.items[0].id"));
        for (String bad : List.of("?limit=0", "?limit=501", "?status=OPEN", "?cursor=bm90LWEtY29kZSQk", "?cursor=%24gt")) {
            mvc.perform(get("/api/v1/programs" + bad).with(admin())).andExpect(status().isBadRequest());
        }
    }

    private String create(String code, String scope) throws Exception {
        String body = ProgramServiceHarness.programBody(code).replace("\"implementsId\":null", "\"implementsId\":null,\"scopeUnitId\":\"" + scope + "\"");
        String json = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/programs")
                        .with(admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private static String target(String indicator, String unit, String start, String end, double value) {
        return "{\"indicatorCode\":\"" + indicator + "\",\"unitId\":\"" + unit + "\",\"periodStart\":\"" + start
                + "\",\"periodEnd\":\"" + end + "\",\"value\":" + (Double.isInfinite(value) ? "1e309" : value) + "}";
    }

    private ResultActions post(String id, String path, String body) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/programs/" + id + path)
                .with(admin());
        if (!body.isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    private String list(String query) throws Exception {
        return mvc.perform(get("/api/v1/programs" + query).with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }
}
