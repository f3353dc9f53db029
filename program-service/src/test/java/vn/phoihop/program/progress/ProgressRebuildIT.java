package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.progress.ProgressChanged;
import vn.phoihop.program.progress.mongo.ProgressGenerations;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * The admin rebuild replays the topic into a fresh read model, keeps up with events meanwhile, and swaps it in. It
 * replays every test's events on the shared topic, so it is slow on a loaded machine: one rebuild only.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressRebuildIT {

    static final String REBUILD = "/api/v1/programs/progress/rebuild";
    static final String NINH_KIEU = "u-ninh-kieu";
    static final String CAI_RANG = "u-cai-rang";
    static final LocalDate DAY = LocalDate.of(2019, 8, 19);

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    MongoDatabase database;
    @Autowired
    ProgressGenerations generations;

    @Test
    void figuresAfterARebuildEqualFiguresBeforeItPlusWhatArrivedMeanwhile() throws Exception {
        var api = new ProgressHarness(mvc);
        var publisher = new ActivityPublisher(kafka);
        var model = new ReadModelProbe(database, generations);
        String program = api.program("sessions", "attendees");
        var a = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 3.0, "attendees", 210.0), false);
        var b = publisher.submit(program, CAI_RANG, DAY.plusMonths(2), Map.of("sessions", 2.0, "attendees", 90.0), true);
        var c = publisher.submit(program, CAI_RANG, DAY.minusYears(1), Map.of("sessions", 1.0, "attendees", 45.0), false);
        a.correct(Map.of("sessions", 3.0, "attendees", 180.0));
        b.confirm();
        c.reject("Trùng báo cáo");
        publisher.flush();
        await().atMost(Duration.ofSeconds(60)).until(() -> model.appliedVersion(c.id) == 2 && model.appliedVersion(b.id) == 2
                && model.appliedVersion(a.id) == 2);
        Map<String, String> before = figures(api, program);
        assertThat(api.actual(program, null, "", "attendees")).isEqualTo(270.0);

        // a counter gone wrong, e.g. edited by hand: the rebuild must recompute it, not copy it
        model.setCounter(CounterIds.of(program, "attendees", "*", "all"), 1_000_000);
        assertThat(api.actual(program, null, "", "attendees")).isEqualTo(1_000_000.0);

        int current = model.current();
        mvc.perform(post(REBUILD).with(Callers.admin()))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", REBUILD))
                .andExpect(jsonPath("$.state").value("RUNNING"))
                .andExpect(jsonPath("$.generation").value(current))
                .andExpect(jsonPath("$.building").value(current + 1));
        // its consumer group has yet to join before it can replay anything: this one is surely still running
        mvc.perform(post(REBUILD).with(Callers.admin()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("is running")));
        // events keep arriving while it rebuilds
        var d = publisher.submit(program, NINH_KIEU, DAY.plusDays(1), Map.of("sessions", 1.0, "attendees", 30.0), false);
        a.correct(Map.of("sessions", 4.0, "attendees", 200.0));
        publisher.flush();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                mvc.perform(get(REBUILD).with(Callers.admin())).andExpect(jsonPath("$.state").value("DONE")));
        String done = mvc.perform(get(REBUILD).with(Callers.admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.generation").value(current + 1))
                .andReturn().getResponse().getContentAsString();
        assertThat(((Number) JsonPath.read(done, "$.replayed")).longValue()).isGreaterThanOrEqualTo(8);
        assertThat(JsonPath.<String>read(done, "$.finishedAt")).isNotNull();
        // dashboards are told to reload each unit the new generation holds, once it answers: c's and b's dates at Cái Răng
        var swappedAt = Instant.parse(JsonPath.read(done, "$.finishedAt"));
        var reload = new ProgressChanged(program, CAI_RANG, List.of("attendees", "sessions"),
                DAY.minusYears(1), DAY.plusMonths(2));
        Predicate<ConsumerRecord<String, String>> announced = r -> {
            if (!program.equals(r.key())) {
                return false;
            }
            var e = EventCodec.decode(r.value());
            return e.type().equals(EventTypes.PROGRESS_CHANGED.name()) && !e.time().isBefore(swappedAt)
                    && EventCodec.data(e, EventTypes.PROGRESS_CHANGED).equals(reload);
        };
        assertThat(TopicProbe.read(Topics.PROGRAMS,
                records -> records.stream().anyMatch(announced))).anyMatch(announced);

        await().atMost(Duration.ofSeconds(30)).until(() -> model.appliedVersion(a.id) == 3 && model.appliedVersion(d.id) == 1);
        assertThat(api.actual(program, null, "", "attendees")).isEqualTo(200.0 + 90.0 + 30.0); // a as corrected meanwhile, b, d
        assertThat(api.actual(program, NINH_KIEU, "", "sessions")).isEqualTo(5.0);
        assertThat(api.figures(program, CAI_RANG, "")).isEqualTo(before.get(CAI_RANG));
        assertThat(api.figures(program, CAI_RANG, "&from=2018-01-01&to=2019-12-31")).isEqualTo(before.get(CAI_RANG + " 2018-2019"));

        // the new generation follows the live stream on its own
        publisher.submit(program, CAI_RANG, DAY, Map.of("sessions", 1.0, "attendees", 10.0), false);
        publisher.flush();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.actual(program, CAI_RANG, "", "attendees")).isEqualTo(100.0));
    }

    @Test
    void onlyAnAdminMayRebuildOrSeeARebuild() throws Exception {
        mvc.perform(post(REBUILD)).andExpect(status().isUnauthorized());
        var officer = Callers.caller("officer", List.of("OFFICER"), List.of());
        mvc.perform(post(REBUILD).with(officer))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get(REBUILD).with(officer)).andExpect(status().isForbidden());
        mvc.perform(get(REBUILD).with(Callers.admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value(org.hamcrest.Matchers.oneOf("IDLE", "RUNNING", "DONE")));
    }

    private static Map<String, String> figures(ProgressHarness api, String program) throws Exception {
        var figures = new LinkedHashMap<String, String>();
        figures.put(CAI_RANG, api.figures(program, CAI_RANG, ""));
        figures.put(CAI_RANG + " 2018-2019", api.figures(program, CAI_RANG, "&from=2018-01-01&to=2019-12-31"));
        return figures;
    }
}
