package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.gateway.stream.EventFeed;
import vn.phoihop.gateway.support.GatewayIT;
import vn.phoihop.gateway.support.SseClient;
import vn.phoihop.gateway.support.TestEvents;

/** {@code GET /api/v1/stream} fed by real Kafka topics. */
class LiveStreamIT extends GatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final EventCodec CODEC = new EventCodec("/unit-service", Clock.systemUTC());

    @Autowired
    EventFeed feed;

    @BeforeEach
    void feedIsLive() {
        await().atMost(Duration.ofSeconds(60)).until(feed::isReady);
    }

    @Test
    void subscriberGetsMatchingEventsOnlyWithIdTypeAndJson() throws Exception {
        String root = "u-can-tho-" + UUID.randomUUID();
        try (var filtered = open("?types=activity.submitted.v1&unitId=" + root);
                var everything = open("")) {
            CloudEvent wanted = activity(List.of(root, "u-ninh-kieu"));
            CloudEvent otherType = unitCreated(List.of(root, "u-new"));
            CloudEvent otherUnit = activity(List.of("u-ha-noi", "u-ba-dinh"));
            CloudEvent fence = activity(List.of(root));
            TestEvents.publish(Topics.UNITS, otherType);
            TestEvents.publish(Topics.ACTIVITIES, otherUnit);
            TestEvents.publish(Topics.ACTIVITIES, wanted);
            TestEvents.publish(Topics.ACTIVITIES, fence);

            // the unfiltered subscriber proves all four went through the feed
            await().atMost(WAIT).until(() -> idsSoFar(everything, seenByEverything).containsAll(
                    List.of(wanted.id(), otherType.id(), otherUnit.id(), fence.id())));
            List<SseClient.Event> got = filtered.eventsUntilId(fence.id(), WAIT);
            Thread.sleep(300); // anything wrongly let through would have been written by now
            got.addAll(drain(filtered));

            assertThat(got).extracting(SseClient.Event::id).containsExactlyInAnyOrder(wanted.id(), fence.id());
            SseClient.Event first = got.stream().filter(e -> e.id().equals(wanted.id())).findFirst().orElseThrow();
            assertThat(first.event()).isEqualTo("activity.submitted.v1");
            CloudEvent decoded = EventCodec.decode(first.data());
            assertThat(decoded).isEqualTo(wanted);
        }
    }

    @Test
    void undecodableRecordsAreSkippedAndTheFeedGoesOn() throws Exception {
        String unit = "u-" + UUID.randomUUID();
        try (var stream = open("?unitId=" + unit)) {
            TestEvents.sendRaw(Topics.ACTIVITIES, "junk", "{not json").get();
            TestEvents.sendRaw(Topics.ACTIVITIES, "junk", "{\"id\":\"no-type\"}").get();
            CloudEvent after = activity(List.of(unit));
            TestEvents.publish(Topics.ACTIVITIES, after);

            assertThat(stream.eventsUntilId(after.id(), WAIT)).extracting(SseClient.Event::id).containsExactly(after.id());
        }
    }

    @Test
    void streamRequiresAToken() throws Exception {
        var response = get("/api/v1/stream", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    }

    @Test
    void aTokenWithNoneOfTheFiveRolesIsRefusedTheStreamAndWebhooks() throws Exception {
        var roleless = List.of(
                TOKENS.with(c -> c.subject("no-roles-" + UUID.randomUUID()).claim("roles", List.of())),
                TOKENS.with(c -> c.subject("no-claim-" + UUID.randomUUID()).claim("roles", null)),
                TOKENS.with(c -> c.subject("made-up-" + UUID.randomUUID()).claim("roles", List.of("AUDITOR", "SUPERUSER"))));
        for (String token : roleless) {
            for (String path : List.of("/api/v1/stream", "/api/v1/stream?types=unit.created.v1", "/api/v1/webhooks")) {
                HttpResponse<String> response = get(path, token);
                assertThat(response.statusCode()).as(path).isEqualTo(403);
                assertThat(response.headers().firstValue("Content-Type")).get().asString()
                        .startsWith("application/problem+json");
            }
        }
        for (String role : List.of("ADMIN", "PROGRAM_MANAGER", "UNIT_OFFICER", "VIEWER", "PARTNER")) {
            try (var stream = new SseClient(HTTP, request("/api/v1/stream")
                    .header("Authorization", "Bearer " + TOKENS.with(c -> c.subject(role + "-" + UUID.randomUUID())
                            .claim("roles", List.of(role))))
                    .header("Accept", "text/event-stream").GET().build())) {
                assertThat(stream.status()).as(role).isEqualTo(200);
            }
        }
    }

    @Test
    void unknownTypesAreA400ProblemListingTheKnownOnes() throws Exception {
        HttpResponse<String> response = get("/api/v1/stream?types=activity.submitted.v1,activity.teleported.v1",
                TOKENS.valid());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":400", "activity.teleported.v1", "unit.created.v1",
                "program.activated.v1");
    }

    // --- helpers

    private final java.util.List<SseClient.Event> seenByEverything = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SseClient open(String query) throws Exception {
        var client = new SseClient(HTTP, request("/api/v1/stream" + query)
                .header("Authorization", "Bearer " + TOKENS.valid())
                .header("Accept", "text/event-stream")
                .GET().build());
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.next(WAIT).comment()).isEqualTo("connected");
        return client;
    }

    private static List<String> idsSoFar(SseClient client, List<SseClient.Event> seen) throws InterruptedException {
        seen.addAll(drain(client));
        return seen.stream().map(SseClient.Event::id).toList();
    }

    private static List<SseClient.Event> drain(SseClient client) throws InterruptedException {
        var events = new java.util.ArrayList<SseClient.Event>();
        while (true) {
            try {
                SseClient.Event next = client.next(Duration.ofMillis(50));
                if (next.comment() == null) {
                    events.add(next);
                }
            } catch (AssertionError empty) {
                return events;
            }
        }
    }

    private static CloudEvent activity(List<String> unitPath) {
        String id = "act-" + UUID.randomUUID();
        String unit = unitPath.get(unitPath.size() - 1);
        return CODEC.create(EventTypes.ACTIVITY_SUBMITTED, id, id, "prg-09", unitPath,
                new ActivityState(id, 1, "prg-09", unit, unitPath.subList(0, unitPath.size() - 1), List.of(),
                        "PROPAGANDA_SESSION", LocalDate.of(2026, 8, 18), Map.of("sessions", java.math.BigDecimal.ONE), "SUBMITTED", true));
    }

    private static CloudEvent unitCreated(List<String> unitPath) {
        String unit = unitPath.get(unitPath.size() - 1);
        return CODEC.create(EventTypes.UNIT_CREATED, unit, unit, null, unitPath,
                new UnitCreated(unit, "C-1", "Phường An Hòa", "COMMUNE", unitPath.get(0),
                        unitPath.subList(0, unitPath.size() - 1), LocalDate.of(2025, 7, 1)));
    }
}
