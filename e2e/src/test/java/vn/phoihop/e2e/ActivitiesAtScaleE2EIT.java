package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

/**
 * Activities at the scale of a province's back-fill, through the gateway of the packaged system: 10,000 logged
 * (single and in batches, a fifth of them joint police–Front activities), the joint ones confirmed by the Front,
 * some corrected; progress must equal what this test adds up itself, exactly. Then unit-service is killed in the
 * middle of a batch, and the same batch retried after a restart leaves exactly one copy of every activity.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivitiesAtScaleE2EIT {

    static final int ACTIVITIES = 10_000;
    static final int SINGLES = 2_000;
    static final int BATCH = 500;
    static final int WARDS = 10;
    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);

    private static Phoihop phoihop;
    private static Gateway admin;
    private static Gateway police;
    private static Gateway front;
    private static String city;
    private static final List<String> wards = new ArrayList<>();
    private static final List<String> policeUnits = new ArrayList<>();
    private static final List<String> frontCommittees = new ArrayList<>();

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void aCityWithWardsPoliceAndFront() throws Exception {
        phoihop = Phoihop.startFresh("scale", SECRET, Map.of());
        admin = new Gateway(phoihop.gatewayUrl());
        admin.actAs("admin", SECRET);

        String run = UUID.randomUUID().toString().substring(0, 6);
        city = id(admin.post("/api/v1/units", unit("CT-" + run, "Thành phố Cần Thơ", "PROVINCE", null)), 201);
        for (int w = 0; w < WARDS; w++) {
            String ward = id(admin.post("/api/v1/units", unit("W" + w + "-" + run, "Phường số " + w, "COMMUNE", city)), 201);
            wards.add(ward);
            policeUnits.add(id(admin.post("/api/v1/units", unit("CA" + w + "-" + run, "Công an phường số " + w, "POLICE_UNIT", ward)), 201));
            frontCommittees.add(id(admin.post("/api/v1/units", unit("MT" + w + "-" + run, "Ủy ban MTTQ phường số " + w,
                    "FRONT_COMMITTEE", ward)), 201));
        }
        police = officer("POLICE");
        front = officer("FRONT");
    }

    @AfterAll
    static void leaveNothingRunning() {
        if (phoihop != null) {
            phoihop.kill();
        }
    }

    @Test
    @Order(1)
    void tenThousandActivitiesSingleBatchJointAndCorrectedAddUpExactly() throws Exception {
        String program = activeProgram("SCALE");
        var random = new Random(9);
        var bodies = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < ACTIVITIES; i++) {
            int w = i % WARDS;
            boolean joint = i % 5 == 0;
            var body = new LinkedHashMap<String, Object>();
            body.put("id", UUID.randomUUID().toString());
            body.put("programId", program);
            body.put("unitId", joint ? policeUnits.get(w) : wards.get(w));
            body.put("coUnitIds", joint ? List.of(frontCommittees.get(w)) : List.of());
            body.put("type", joint ? "PROPAGANDA_SESSION" : "MEETING");
            body.put("occurredOn", YESTERDAY.toString());
            body.put("title", "Tuyên truyền số " + i);
            body.put("metrics", Map.of("sessions", 1, "attendees", 20 + random.nextInt(200)));
            bodies.add(body);
        }
        awaitAccepted(police, bodies.get(0));
        long begin = System.nanoTime();
        for (int i = 1; i < SINGLES; i++) {
            Gateway logger = (i % 5 == 0) ? police : admin;
            assertThat(logger.post("/api/v1/activities", bodies.get(i)).statusCode()).isEqualTo(201);
        }
        for (int from = SINGLES; from < ACTIVITIES; from += BATCH) {
            // joint ones are logged by police: the Front confirms, and nobody confirms what they logged themselves
            JsonNode results = batch(police, bodies.subList(from, from + BATCH), "scale-" + from);
            for (JsonNode result : results) { // 200: stored by an attempt the gateway gave up waiting for
                assertThat(result.path("status").asInt()).as(result.toString()).isIn(200, 201);
            }
        }
        System.out.printf("e2e: %d activities logged in %.1f s%n", ACTIVITIES, (System.nanoTime() - begin) / 1e9);

        var expected = new HashMap<String, Double>(Map.of("sessions", 0.0, "attendees", 0.0));
        for (int i = 0; i < ACTIVITIES; i++) {
            Map<String, Object> body = bodies.get(i);
            @SuppressWarnings("unchecked")
            var metrics = (Map<String, Integer>) body.get("metrics");
            int attendees = metrics.get("attendees");
            if (i % 5 == 0) {
                HttpResponse<String> confirmed = front.post("/api/v1/activities/" + body.get("id") + "/confirm", null);
                assertThat(confirmed.statusCode()).as(Gateway.describe(confirmed)).isEqualTo(200);
            } else if (i % 17 == 0) {
                attendees = attendees / 2; // counted twice on the sheet: corrected downwards
                // by the agency that logged it, so it counts at once (another agency's correction awaits its word)
                Gateway logger = i < SINGLES ? admin : police;
                HttpResponse<String> corrected = logger.post("/api/v1/activities/" + body.get("id") + "/corrections",
                        Map.of("metrics", Map.of("sessions", 1, "attendees", attendees), "reason", "Đếm lại theo danh sách",
                                "expectedRevision", 1));
                assertThat(corrected.statusCode()).as(Gateway.describe(corrected)).isEqualTo(201);
            }
            expected.merge("sessions", 1.0, Double::sum);
            expected.merge("attendees", (double) attendees, Double::sum);
        }

        assertThat(awaitProgress(program, null, expected, Duration.ofMinutes(15))).isEqualTo(expected);
        assertThat(progress(program, city)).as("the city's subtree holds every activity").isEqualTo(expected);
    }

    @Test
    @Order(2)
    void killingUnitServiceInTheMiddleOfABatchAndRetryingItLeavesOneCopyOfEach() throws Exception {
        String program = activeProgram("KILL");
        var bodies = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < BATCH; i++) {
            bodies.add(Map.of("id", UUID.randomUUID().toString(), "programId", program, "unitId", wards.get(i % WARDS),
                    "coUnitIds", List.of(), "type", "PATROL", "occurredOn", YESTERDAY.toString(), "title", "Tuần tra số " + i,
                    "metrics", Map.of("sessions", 1)));
        }
        awaitAccepted(admin, bodies.get(0));
        String key = "kill-" + UUID.randomUUID();
        Path pidFile = phoihop.data.resolve("run/unit-service.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        CompletableFuture<HttpResponse<String>> inFlight = admin.http.sendAsync(batchRequest(admin, bodies, key),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(700); // the batch is being stored
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9
        try {
            HttpResponse<String> answer = inFlight.get(60, TimeUnit.SECONDS);
            System.out.println("e2e: the batch cut short answered " + answer.statusCode());
        } catch (java.util.concurrent.ExecutionException lost) {
            System.out.println("e2e: the batch cut short got no answer: " + lost.getCause());
        }
        // devstack stops the whole system when a service dies; start it again on the same data
        assertThat(phoihop.process().waitFor(120, TimeUnit.SECONDS)).as("devstack stops after unit-service died").isTrue();
        phoihop.start();
        phoihop.awaitReady(Phoihop.READY_SECONDS);
        admin.actAs("admin", SECRET);

        JsonNode results = batch(admin, bodies, key);
        int created = 0;
        for (JsonNode result : results) {
            int status = result.path("status").asInt();
            assertThat(status).as(result.toString()).isIn(200, 201);
            created += status == 201 ? 1 : 0;
        }
        System.out.printf("e2e: after the kill, the retry created %d and found %d already stored%n", created, BATCH - created);
        assertThat(listed(program)).as("exactly one copy of every activity").hasSize(BATCH)
                .containsExactlyInAnyOrderElementsOf(bodies.stream().map(b -> (String) b.get("id")).toList());
        assertThat(awaitProgress(program, null, Map.of("sessions", (double) BATCH), Duration.ofMinutes(5)))
                .containsEntry("sessions", (double) BATCH);
    }

    private static String activeProgram(String prefix) throws Exception {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        String program = id(admin.post("/api/v1/programs", Map.of("code", code, "aliases", List.of(),
                "title", "Chương trình phối hợp " + code, "kind", "COORDINATION_PROGRAM", "issuers", List.of(),
                "startsOn", YESTERDAY.minusYears(1).toString(), "endsOn", YESTERDAY.plusYears(2).toString())), 201);
        for (String indicator : List.of("sessions", "attendees")) {
            assertThat(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", indicator, "name", indicator,
                    "aggregation", "SUM")).statusCode()).isEqualTo(201);
        }
        assertThat(admin.post("/api/v1/programs/" + program + "/activate", null).statusCode()).isEqualTo(200);
        return program;
    }

    /** unit-service learns of a program from events: the first activity is refused (422) until it has. */
    private static void awaitAccepted(Gateway logger, Map<String, Object> first) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = logger.post("/api/v1/activities", first);
            if (response.statusCode() == 201) {
                return;
            }
            if (response.statusCode() != 422 || System.nanoTime() > deadline) {
                fail("the first activity was refused: %s", Gateway.describe(response));
            }
            Thread.sleep(500);
        }
    }

    /**
     * A batch as a partner's client sends it: a 502–504 (a cold unit-service on a busy machine can take longer than
     * the gateway waits) is sent again with the same key, which is what the key is for; nothing may be stored twice.
     */
    private static JsonNode batch(Gateway logger, List<Map<String, Object>> items, String key)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = logger.http.send(batchRequest(logger, items, key),
                    HttpResponse.BodyHandlers.ofString());
            if (attempt < 5 && response.statusCode() >= 502 && response.statusCode() <= 504) {
                System.out.printf("e2e: the retried batch answered %d; sent again with the same key%n", response.statusCode());
                continue;
            }
            assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(200);
            JsonNode results = Gateway.json(response).path("results");
            assertThat(results.size()).isEqualTo(items.size());
            return results;
        }
    }

    private static HttpRequest batchRequest(Gateway logger, List<Map<String, Object>> items, String key) {
        return logger.authorized("/api/v1/activities/batch").timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(Gateway.JSON.writeValueAsString(items))).build();
    }

    private static List<String> listed(String program) throws Exception {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            JsonNode page = Gateway.json(admin.get("/api/v1/activities?programId=" + program + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("items").forEach(item -> ids.add(item.path("id").asString()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return ids;
    }

    private static Map<String, Double> awaitProgress(String program, String unitId, Map<String, Double> expected,
            Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Double> seen = Map.of();
        while (System.nanoTime() < deadline) {
            seen = progress(program, unitId);
            if (seen.entrySet().containsAll(expected.entrySet())) {
                return seen;
            }
            Thread.sleep(2000);
        }
        return fail("progress never reached %s; last seen %s", expected, seen);
    }

    private static Map<String, Double> progress(String program, String unitId) throws Exception {
        HttpResponse<String> response = admin.get("/api/v1/programs/" + program + "/progress"
                + (unitId == null ? "" : "?unitId=" + unitId));
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(200);
        var figures = new HashMap<String, Double>();
        Gateway.json(response).path("indicators").forEach(i -> figures.put(i.path("code").asString(),
                i.path("actual").isNumber() ? i.path("actual").asDouble() : 0.0));
        return figures;
    }

    private static Gateway officer(String agency) throws Exception {
        JsonNode client = Gateway.json(expect(admin.post("/api/v1/clients", Map.of("name", agency.toLowerCase() + "-can-tho-"
                + UUID.randomUUID().toString().substring(0, 6), "roles", List.of("UNIT_OFFICER"), "unitId", city,
                "agency", agency)), 201));
        var officer = new Gateway(phoihop.gatewayUrl());
        officer.actAs(client.path("clientId").asString(), client.path("clientSecret").asString());
        return officer;
    }

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        var body = new LinkedHashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind, "validFrom", "2025-07-01"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return body;
    }

    private static String id(HttpResponse<String> response, int status) {
        return Gateway.json(expect(response, status)).path("id").asString();
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(status);
        return response;
    }
}
