package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

/**
 * A dashboard that shows live totals without polling: it listens for {@code progress.changed.v1} on the gateway's
 * stream and refetches progress when one arrives. Province P has communes A and B; a program of P's.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ProgressEventsE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);

    private static Phoihop phoihop;
    private static Gateway admin;
    private static String province;
    private static String communeA;
    private static String communeB;
    private static String program;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void aProvinceWithTwoCommunesAndAProgram() throws Exception {
        phoihop = Phoihop.startFresh("progress", SECRET, Map.of());
        admin = new Gateway(phoihop.gatewayUrl());
        admin.token = token("admin", SECRET);
        String run = UUID.randomUUID().toString().substring(0, 6);
        province = id(admin.post("/api/v1/units", unit("P-" + run, "Tỉnh Thử Nghiệm", "PROVINCE", null)));
        communeA = id(admin.post("/api/v1/units", unit("A-" + run, "Xã An Bình", "COMMUNE", province)));
        communeB = id(admin.post("/api/v1/units", unit("B-" + run, "Xã Bình Minh", "COMMUNE", province)));
        program = id(admin.post("/api/v1/programs", Map.of("code", "LIVE-" + run, "aliases", List.of(),
                "title", "Chương trình " + run, "kind", "COORDINATION_PROGRAM", "issuers", List.of(),
                "startsOn", YESTERDAY.minusYears(1).toString(), "endsOn", YESTERDAY.plusYears(2).toString(),
                "scopeUnitId", province)));
        expect(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", "sessions",
                "name", "Buổi tuyên truyền", "unitOfMeasure", "buổi", "aggregation", "SUM")), 201);
        // program-service learns units from their events: the enrolment waits until it knows the unit
        expect(onceKnown(admin, "/api/v1/programs/" + program + "/enrollments", Map.of("unitId", province)), 200, 201);
        expect(admin.post("/api/v1/programs/" + program + "/activate", null), 200);
    }

    @AfterAll
    static void leaveNothingRunning() {
        if (phoihop != null) {
            phoihop.kill();
        }
    }

    @Test
    void aDashboardIsToldWhenProgressMovesAndAnotherCommunesSubscriberIsNot() throws Exception {
        Gateway viewerB = client("VIEWER", communeB);
        String query = "types=progress.changed.v1&programId=" + program;
        try (EventStream dashboard = EventStream.open(admin, query); EventStream ofB = EventStream.open(viewerB, query)) {
            assertThat(dashboard.status()).isEqualTo(200);
            assertThat(ofB.status()).isEqualTo(200);

            expect(onceKnown(admin, "/api/v1/activities", activity(communeA, 3)), 201);
            JsonNode changed = data(dashboard.await(e -> communeA.equals(data(e).path("unitid").asString()), 60));
            assertThat(changed.path("type").asString()).isEqualTo("progress.changed.v1");
            assertThat(changed.path("programid").asString()).isEqualTo(program);
            assertThat(changed.path("ancestorids").asString()).isEqualTo(province);
            assertThat(changed.path("data").path("indicatorCodes").toString()).isEqualTo("[\"sessions\"]");
            assertThat(changed.path("data").path("from").asString()).isEqualTo(YESTERDAY.toString());
            assertThat(changed.path("data").path("to").asString()).isEqualTo(YESTERDAY.toString());
            // the notice comes after the counters are written: one fetch shows the new totals, no polling
            assertThat(sessions(communeA)).isEqualTo(3.0);
            assertThat(sessions(province)).isEqualTo(3.0);

            // B's subscriber hears of B's activity, announced after A's on the program's partition, and of nothing of A's
            expect(admin.post("/api/v1/activities", activity(communeB, 5)), 201);
            ofB.await(e -> communeB.equals(data(e).path("unitid").asString()), 60);
            assertThat(sessions(province)).isEqualTo(8.0);
            assertThat(ofB.events).as("nothing of commune A's").allSatisfy(e ->
                    assertThat(data(e).path("unitid").asString()).isEqualTo(communeB));
            dashboard.await(e -> communeB.equals(data(e).path("unitid").asString()), 60);
        }
    }

    private static Gateway client(String role, String unitId) throws Exception {
        JsonNode created = Gateway.json(expect(admin.post("/api/v1/clients", Map.of("name", role + "-" + unitId,
                "roles", List.of(role), "unitId", unitId, "agency", "OTHER")), 201));
        return admin.as(token(created.path("clientId").asString(), created.path("clientSecret").asString()));
    }

    private static String token(String clientId, String secret) throws Exception {
        var response = new Gateway(phoihop.gatewayUrl()).requestToken(clientId, secret);
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(200);
        return Gateway.json(response).path("access_token").asString();
    }

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        return parentId == null ? Map.of("code", code, "name", name, "kind", kind, "validFrom", "2025-07-01")
                : Map.of("code", code, "name", name, "kind", kind, "validFrom", "2025-07-01", "parentId", parentId);
    }

    private static Map<String, Object> activity(String unitId, int sessions) {
        return Map.of("programId", program, "unitId", unitId, "coUnitIds", List.of(), "type", "PROPAGANDA_SESSION",
                "occurredOn", YESTERDAY.toString(), "title", "Tuyên truyền", "metrics", Map.of("sessions", sessions));
    }

    /** A write that waits for the other service to learn what it needs from Kafka: 422 or 404 until then. */
    private static HttpResponse<String> onceKnown(Gateway caller, String path, Object body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = caller.post(path, body);
        while ((response.statusCode() == 422 || response.statusCode() == 404) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = caller.post(path, body);
        }
        return response;
    }

    private static double sessions(String unitId) throws Exception {
        JsonNode progress = Gateway.json(expect(admin.get("/api/v1/programs/" + program + "/progress?unitId=" + unitId), 200));
        return StreamSupport.stream(progress.path("indicators").spliterator(), false)
                .filter(i -> "sessions".equals(i.path("code").asString())).findFirst()
                .map(i -> i.path("actual").asDouble()).orElseThrow();
    }

    private static JsonNode data(EventStream.Event event) {
        return Gateway.JSON.readTree(event.data());
    }

    private static String id(HttpResponse<String> response) {
        return Gateway.json(expect(response, 201)).path("id").asString();
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, Integer... statuses) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isIn((Object[]) statuses);
        return response;
    }
}
