package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Cần Thơ's 2019 results under Program 09, logged as some 1,300 activities (about 1,700 events) across the city's communes: some
 * joint and confirmed later, some corrected (before or after confirmation), and some rejected that must not count.
 * The city's progress equals the year's totals exactly, and each commune's equals its share.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class CanTho2019IT {

    static final String CAN_THO = ActivityPublisher.CAN_THO;
    static final Map<String, Long> TOTALS = new LinkedHashMap<>();
    static {
        TOTALS.put("sessions", 23_000L);          // buổi tuyên truyền
        TOTALS.put("attendances", 1_360_000L);    // lượt người nghe
        TOTALS.put("tips", 2_000L);               // tin báo, tố giác
        TOTALS.put("casesBrokenUp", 1_500L);      // vụ việc được triệt phá
        TOTALS.put("subjectsHandled", 2_800L);    // đối tượng được giáo dục, xử lý
        TOTALS.put("wantedSurrendered", 61L);     // đối tượng truy nã ra đầu thú
    }
    static final List<String> COMMUNES = List.of("u-ninh-kieu", "u-cai-khe", "u-tan-an", "u-an-binh", "u-binh-thuy",
            "u-long-tuyen", "u-cai-rang", "u-hung-phu", "u-o-mon", "u-thot-not", "u-phong-dien", "u-co-do");

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;

    final Random random = new Random(2019);
    final Map<String, Map<String, Long>> expected = new HashMap<>(); // commune → indicator → figure
    final Map<String, Long> expectedMarch = new HashMap<>();          // the city in 2019-03
    final List<List<Runnable>> laterSteps = new ArrayList<>();
    ActivityPublisher publisher;
    String program;

    @Test
    void theCitysProgressEqualsTheYearsTotalsAndEachCommunesItsShare() throws Exception {
        program = new ProgressHarness(mvc).program(TOTALS.keySet().toArray(String[]::new));
        publisher = new ActivityPublisher(kafka);
        log("PROPAGANDA_SESSION", 700, "sessions", "attendances");
        log("TIP_RECEIVED", 200, "tips");
        log("CASE_RESOLVED", 150, "casesBrokenUp");
        log("SUBJECT_EDUCATED", 200, "subjectsHandled");
        log("REINTEGRATION", 30, "wantedSurrendered");
        rejectedOnes(40);
        int events = publishLaterSteps();
        publisher.flush();
        assertThat(events).as("events after the submissions").isGreaterThan(250);

        var api = new ProgressHarness(mvc);
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (var total : TOTALS.entrySet()) {
                assertThat(api.actual(program, CAN_THO, "", total.getKey())).as(total.getKey())
                        .isEqualTo(total.getValue().doubleValue());
            }
        });
        // the totals may be reached a moment before the last correction between two communes is applied
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (var total : TOTALS.entrySet()) {
                assertThat(api.actual(program, null, "&from=2019-01-01&to=2019-12-31", total.getKey())).isEqualTo(total.getValue().doubleValue());
                assertThat(api.actual(program, CAN_THO, "&from=2019-03-01&to=2019-03-31", total.getKey())).as("March " + total.getKey())
                        .isEqualTo(expectedMarch.getOrDefault(total.getKey(), 0L).doubleValue());
                long communes = 0;
                for (String commune : COMMUNES) {
                    long share = expected.getOrDefault(commune, Map.of()).getOrDefault(total.getKey(), 0L);
                    assertThat(api.actual(program, commune, "", total.getKey())).as(commune + " " + total.getKey()).isEqualTo((double) share);
                    communes += share;
                }
                assertThat(communes).as("the communes' shares add up").isEqualTo(total.getValue());
            }
        });
        assertThat(expected.get("u-ninh-kieu").get("sessions")).as("a share is a real part").isBetween(1L, 22_999L);
    }

    /** Splits the year's totals of {@code indicators} over {@code count} activities and submits them. */
    private void log(String type, int count, String... indicators) {
        var parts = new HashMap<String, long[]>();
        for (String indicator : indicators) {
            parts.put(indicator, split(TOTALS.get(indicator), count));
        }
        for (int i = 0; i < count; i++) {
            var truth = new LinkedHashMap<String, Double>();
            for (String indicator : indicators) {
                truth.put(indicator, (double) parts.get(indicator)[i]);
            }
            String commune = COMMUNES.get(random.nextInt(COMMUNES.size()));
            LocalDate day = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(365));
            truth.forEach((indicator, value) -> {
                expected.computeIfAbsent(commune, c -> new HashMap<>()).merge(indicator, value.longValue(), Long::sum);
                if (day.getMonthValue() == 3) {
                    expectedMarch.merge(indicator, value.longValue(), Long::sum);
                }
            });
            boolean joint = random.nextInt(5) == 0;
            boolean corrected = random.nextInt(8) == 0;
            var activity = publisher.submit(program, commune, type, day, corrected ? wrong(truth) : truth, joint);
            var steps = new ArrayList<Runnable>();
            if (corrected && joint && random.nextBoolean()) {
                steps.add(() -> activity.correct(truth)); // corrected while it awaits confirmation
                steps.add(activity::confirm);
            } else {
                if (joint) {
                    steps.add(activity::confirm);
                }
                if (corrected) {
                    steps.add(() -> activity.correct(truth));
                    if (joint) {
                        steps.add(activity::confirm); // the Front confirms the corrected figures anew
                    }
                }
            }
            laterSteps.add(steps);
        }
    }

    /** Activities that count for nothing in the end: joint ones the Front turned down, counted ones withdrawn. */
    private void rejectedOnes(int count) {
        for (int i = 0; i < count; i++) {
            boolean joint = i % 2 == 0;
            var activity = publisher.submit(program, COMMUNES.get(i % COMMUNES.size()), "PROPAGANDA_SESSION",
                    LocalDate.of(2019, 3, 1 + i % 28), Map.of("sessions", 5.0, "attendances", 400.0), joint);
            laterSteps.add(new ArrayList<>(List.of(() -> activity.reject("Không đúng thực tế"))));
        }
    }

    /** Each activity's later events in its own order, the activities' interleaved at random. */
    private int publishLaterSteps() {
        int published = 0;
        var pending = new ArrayList<>(laterSteps.stream().filter(s -> !s.isEmpty()).toList());
        while (!pending.isEmpty()) {
            int pick = random.nextInt(pending.size());
            pending.get(pick).remove(0).run();
            published++;
            if (pending.get(pick).isEmpty()) {
                pending.remove(pick);
            }
        }
        return published;
    }

    private Map<String, Double> wrong(Map<String, Double> truth) {
        var wrong = new LinkedHashMap<String, Double>();
        truth.forEach((indicator, value) -> wrong.put(indicator, value + (random.nextBoolean() ? 1 + random.nextInt(50)
                : -Math.min(value, 1 + random.nextInt(50)))));
        return wrong;
    }

    /** {@code total} as {@code parts} whole numbers ≥ 0 that add up to it exactly. */
    private long[] split(long total, int parts) {
        var cuts = new TreeSet<Long>();
        while (cuts.size() < parts - 1) {
            cuts.add((long) (random.nextDouble() * (total + 1)));
        }
        long[] split = new long[parts];
        long previous = 0;
        int i = 0;
        for (long cut : cuts) {
            split[i++] = cut - previous;
            previous = cut;
        }
        split[parts - 1] = total - previous;
        return split;
    }
}
