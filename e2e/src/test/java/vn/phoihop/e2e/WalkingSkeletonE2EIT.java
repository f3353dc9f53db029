package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID_MASKED;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_INTERNATIONAL;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_MASKED;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton end to end: the packaged system started as {@code ./phoihop up} starts it, driven
 * over HTTP through the gateway only. A program with one indicator is activated, a unit created, an
 * activity logged; progress and the live stream show it; errors are problem documents; and after a
 * clean stop and a start on the same data, everything is still there. A member's personal data, sent, read unmasked
 * and refused, reaches none of the system's log files.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class WalkingSkeletonE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    // activities are dated in the country's time zone; yesterday there is yesterday everywhere it matters
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);

    private static Phoihop phoihop;
    private static Gateway gateway;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void startTheSystem() throws Exception {
        phoihop = Phoihop.startFresh("run", SECRET, Map.of());
        gateway = new Gateway(phoihop.gatewayUrl());
        gateway.token = token();
    }

    private static final String TRACED_REQUEST = "e2e-" + UUID.randomUUID();

    @AfterAll
    static void leaveNothingRunning() throws IOException {
        if (phoihop != null) {
            try {
                // whatever the system logged since the tests checked (a restart starts its log files afresh)
                assertThat(phoihop.personalDataInLogs()).as("log lines with personal data, redacted").isEmpty();
            } finally {
                phoihop.kill();
            }
        }
    }

    @Test
    void anActivityLoggedShowsInProgressAndOnTheStreamAndSurvivesARestart() throws Exception {
        String code = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        String programId;
        String unitId;
        String activityId;
        try (EventStream stream = EventStream.open(gateway)) {
            assertThat(stream.status()).as("GET /api/v1/stream").isEqualTo(200);

            programId = createdId(gateway.post("/api/v1/programs", Map.of(
                    "code", code, "aliases", List.of(), "title", "Chương trình phối hợp " + code,
                    "kind", "COORDINATION_PROGRAM", "issuers", List.of(),
                    "startsOn", YESTERDAY.minusYears(1).toString(), "endsOn", YESTERDAY.plusYears(2).toString())));
            assertThat(created(gateway.post("/api/v1/programs/" + programId + "/indicators", Map.of(
                    "code", "sessions", "name", "Buổi tuyên truyền", "unitOfMeasure", "buổi", "aggregation", "SUM")))
                    .path("code").asString()).isEqualTo("sessions");
            ok(gateway.post("/api/v1/programs/" + programId + "/activate", null));
            // units are effective-dated and default to existing from today: this one existed before yesterday
            unitId = createdId(gateway.post("/api/v1/units", Map.of("code", code, "name", "Thành phố Cần Thơ",
                    "kind", "PROVINCE", "validFrom", "2025-07-01")));

            activityId = logActivityOnceTheProgramIsKnown(programId, unitId);
            assertThat(awaitSessions(programId, 3)).isEqualTo(3.0);
            // the gateway's correlation id reaches the log lines of the write and of the event's consumer
            assertThat(Files.readString(phoihop.data.resolve("logs/unit-service.log")))
                    .contains("[" + TRACED_REQUEST + "]");
            assertThat(Files.readString(phoihop.data.resolve("logs/program-service.log")))
                    .contains("[" + TRACED_REQUEST + "]");

            var submitted = awaitEvent(stream, e -> "activity.submitted.v1".equals(e.event())
                    && activityId.equals(Gateway.JSON.readTree(e.data()).path("subject").asString()));
            JsonNode cloudEvent = Gateway.JSON.readTree(submitted.data());
            assertThat(cloudEvent.path("type").asString()).isEqualTo("activity.submitted.v1");
            assertThat(submitted.id()).as("the SSE id is the CloudEvent id").isNotBlank()
                    .isEqualTo(cloudEvent.path("id").asString());
        }

        restartOnTheSameData();

        assertThat(Gateway.json(ok(gateway.get("/api/v1/programs/" + programId))).path("code").asString()).isEqualTo(code);
        assertThat(Gateway.json(ok(gateway.get("/api/v1/units/" + unitId))).path("code").asString()).isEqualTo(code);
        JsonNode activity = Gateway.json(ok(gateway.get("/api/v1/activities/" + activityId)));
        assertThat(activity.path("id").asString()).isEqualTo(activityId);
        assertThat(activity.path("programId").asString()).isEqualTo(programId);
        assertThat(awaitSessions(programId, 3)).as("progress after the restart: counted once, not again").isEqualTo(3.0);
    }

    @Test
    void errorsAreProblemDocumentsAndEveryResponseHasARequestId() throws Exception {
        var noToken = gateway.send(java.net.http.HttpRequest.newBuilder(gateway.uri("/api/v1/programs/anything")).GET());
        assertThat(noToken.statusCode()).as(Gateway.describe(noToken)).isEqualTo(401);
        assertThat(noToken.headers().firstValue("Content-Type")).as(Gateway.describe(noToken))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Gateway.json(noToken).path("status").asInt()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("X-Request-Id")).isPresent();

        var badJson = gateway.postRaw("/api/v1/programs", "{\"code\": ");
        assertThat(badJson.statusCode()).as(Gateway.describe(badJson)).isEqualTo(400);
        assertThat(badJson.headers().firstValue("Content-Type")).as(Gateway.describe(badJson))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(badJson.headers().firstValue("X-Request-Id")).isPresent();

        var mine = gateway.send(gateway.authorized("/actuator/health").header("X-Request-Id", "e2e-request-1").GET());
        assertThat(mine.headers().firstValue("X-Request-Id")).as("a client's request id is kept").hasValue("e2e-request-1");
    }

    @Test
    void aMembersPersonalDataReachesNoLogFile() throws Exception {
        String requestId = "e2e-member-" + UUID.randomUUID();
        String unitId;
        String memberId;
        try (EventStream stream = EventStream.open(gateway)) {
            unitId = createdId(gateway.post("/api/v1/units", Map.of("code", "E2E-T-" + requestId.substring(11, 19),
                    "name", "Tổ bảo vệ an ninh trật tự khu vực 3", "kind", "SECURITY_TEAM", "validFrom", "2025-07-01")));
            String members = "/api/v1/units/" + unitId + "/members";

            JsonNode added = created(gateway.send(gateway.authorized(members).header("X-Request-Id", requestId)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Gateway.JSON.writeValueAsString(Map.of(
                            "fullName", FULL_NAME, "role", "TEAM_LEADER", "phone", PHONE, "nationalId", NATIONAL_ID,
                            "joinedOn", "2025-08-01"))))));
            memberId = added.path("id").asString();
            assertThat(added.path("phone").asString()).as("the create answer is masked").isEqualTo(PHONE_MASKED);
            assertThat(added.path("nationalId").asString()).isEqualTo(NATIONAL_ID_MASKED);

            // the admin client holds pii:read: with a purpose, the read is unmasked, and audited
            JsonNode read = Gateway.json(ok(gateway.send(gateway.authorized(members + "/" + memberId)
                    .header("X-Request-Id", requestId).header("X-Purpose", "e2e-log-check").GET())));
            assertThat(read.path("phone").asString()).isEqualTo(PHONE);
            assertThat(read.path("nationalId").asString()).isEqualTo(NATIONAL_ID);

            var refused = gateway.send(gateway.authorized(members).header("X-Request-Id", requestId)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"fullName\":\"" + FULL_NAME
                            + "\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"phone\":\"" + PHONE_INTERNATIONAL
                            + "\",\"nationalId\":\"" + NATIONAL_ID + "0\"}")));
            assertThat(refused.statusCode()).as(Gateway.describe(refused)).isEqualTo(400);

            // unit-service's audit log, read through the gateway, holds the add, the unmasked read and the refusal,
            // by id and never by value
            var audit = ok(gateway.send(gateway.authorized("/api/v1/audit?service=units&requestId=" + requestId).GET()));
            var entries = new java.util.ArrayList<String>();
            Gateway.json(audit).path("items").forEach(e -> entries.add(e.path("action").asString() + " "
                    + e.path("outcome").asString()));
            assertThat(entries).containsExactly("POST /api/v1/units/{unitId}/members FAILED",
                    "personal-data.read SUCCESS", "POST /api/v1/units/{unitId}/members SUCCESS");
            assertThat(audit.body()).contains(memberId).doesNotContain(PHONE, NATIONAL_ID, FULL_NAME);

            // the gateway has consumed the member's event too: every service has had its say
            awaitEvent(stream, e -> "member.added.v1".equals(e.event())
                    && memberId.equals(Gateway.JSON.readTree(e.data()).path("subject").asString()));
        }

        assertThat(Files.readString(phoihop.data.resolve("logs/unit-service.log")))
                .as("the add is in unit-service's log under its request id: these are the files that count")
                .containsPattern(Pattern.quote("[" + requestId + "]") + ".* Member " + memberId + " added to unit " + unitId);
        assertThat(phoihop.personalDataInLogs()).as("log lines with personal data, redacted").isEmpty();
    }

    /** unit-service learns of the activation from Kafka, a moment later: 422 until then. */
    private static String logActivityOnceTheProgramIsKnown(String programId, String unitId) throws Exception {
        Map<String, Object> activity = Map.of("programId", programId, "unitId", unitId, "coUnitIds", List.of(),
                "type", "PROPAGANDA_SESSION", "occurredOn", YESTERDAY.toString(),
                "title", "Tuyên truyền tại khu vực 3", "metrics", Map.of("sessions", 3));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = gateway.send(gateway.authorized("/api/v1/activities")
                    .header("Content-Type", "application/json").header("X-Request-Id", TRACED_REQUEST)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Gateway.JSON.writeValueAsString(activity))));
            if (response.statusCode() != 422 || System.nanoTime() > deadline) {
                return createdId(response);
            }
            Thread.sleep(500);
        }
    }

    /** Polls progress until the sessions indicator shows {@code expected}; returns the last value seen. */
    private static double awaitSessions(String programId, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<Double> actual = Optional.empty();
        while (System.nanoTime() < deadline) {
            JsonNode progress = Gateway.json(ok(gateway.get("/api/v1/programs/" + programId + "/progress")));
            actual = StreamSupport.stream(progress.path("indicators").spliterator(), false)
                    .filter(i -> "sessions".equals(i.path("code").asString()))
                    .findFirst().map(i -> i.path("actual")).filter(JsonNode::isNumber).map(JsonNode::asDouble);
            if (actual.isPresent() && actual.get() == expected) {
                return actual.get();
            }
            Thread.sleep(500);
        }
        return fail("progress of sessions never reached %s; last seen: %s", expected, actual.orElse(null));
    }

    private static EventStream.Event awaitEvent(EventStream stream, Predicate<EventStream.Event> wanted) throws Exception {
        return stream.await(wanted, 30);
    }

    /** SIGTERM, as Ctrl-C would: devstack must stop every process it started, then start again on the same data. */
    private static void restartOnTheSameData() throws Exception {
        Process devstack = phoihop.process();
        List<ProcessHandle> family = devstack.descendants().toList();
        assertThat(family).as("kafka and four services").hasSizeGreaterThanOrEqualTo(5);

        devstack.toHandle().destroy(); // SIGTERM, like Process.destroy(), but keeps the pipe we read open
        assertThat(devstack.waitFor(90, TimeUnit.SECONDS)).as("devstack exits after SIGTERM").isTrue();
        String output = phoihop.output();
        assertThat(family).as("no process left behind:%n%s", output).noneMatch(ProcessHandle::isAlive);
        assertThat(output).contains("stopped gateway", "stopped kafka", "stopped mongo");

        long begin = System.nanoTime();
        phoihop.start();
        phoihop.awaitReady(Phoihop.READY_SECONDS);
        System.out.printf("e2e: restart ready after %.1f s%n", (System.nanoTime() - begin) / 1e9);
        gateway.token = token();
    }

    private static String token() throws Exception {
        HttpResponse<String> response = gateway.requestToken(SECRET);
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).as("X-Request-Id on " + Gateway.describe(response)).isPresent();
        String token = Gateway.json(response).path("access_token").asString();
        assertThat(token).as("access_token").isNotBlank();
        return token;
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Request-Id")).as("X-Request-Id on " + Gateway.describe(response)).isPresent();
        return Gateway.json(response);
    }

    private static String createdId(HttpResponse<String> response) {
        String id = created(response).path("id").asString();
        assertThat(id).as("id in " + Gateway.describe(response)).isNotBlank();
        return id;
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).as("X-Request-Id on " + Gateway.describe(response)).isPresent();
        return response;
    }
}
