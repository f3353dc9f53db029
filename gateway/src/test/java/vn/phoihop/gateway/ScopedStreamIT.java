package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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
import vn.phoihop.gateway.stream.EventFeed;
import vn.phoihop.gateway.support.GatewayIT;
import vn.phoihop.gateway.support.SseClient;
import vn.phoihop.gateway.support.TestEvents;

/** The stream's unit scope, resume with {@code Last-Event-ID}, its bad inputs and its connection limit, on real Kafka and MongoDB. */
class ScopedStreamIT extends GatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final EventCodec CODEC = new EventCodec("/unit-service", Clock.systemUTC());

    @Autowired
    EventFeed feed;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String province = "p-" + run;
    private final String communeA = "a-" + run;
    private final String communeB = "b-" + run;

    @BeforeEach
    void feedIsLiveAndUnitsKnown() {
        await().atMost(WAIT).until(feed::isReady);
        UPSTREAM.unit(province, List.of());
        UPSTREAM.unit(communeA, List.of(province));
        UPSTREAM.unit(communeB, List.of(province));
    }

    @Test
    void twoCommuneSubscribersGetExactlyTheirOwnEventsFromAMixedBurstOf1000() throws Exception {
        try (var a = open("", tokenOf(communeA), null); var b = open("", tokenOf(communeB), null);
                var whole = open("", tokenOf(province), null)) {
            List<CloudEvent> burst = burst(1000, List.of(List.of(province, communeA), List.of(province, communeB),
                    List.of("other-" + run, "elsewhere-" + run)));

            assertThat(collect(a, idsOf(burst, communeA).size())).containsExactlyInAnyOrderElementsOf(idsOf(burst, communeA));
            assertThat(collect(b, idsOf(burst, communeB).size())).containsExactlyInAnyOrderElementsOf(idsOf(burst, communeB));
            assertThat(collect(whole, 667)).as("the province sees both communes, nothing else").hasSize(667)
                    .containsAll(idsOf(burst, communeA)).containsAll(idsOf(burst, communeB));
        }
    }

    @Test
    void aSubscriberThatDisconnectsMidBurstAndResumesGetsTheWholeBurstInOrderOnce() throws Exception {
        String token = tokenOf(communeA);
        List<String> received = new ArrayList<>();
        List<CloudEvent> burst;
        try (var steady = open("", token, null)) {
            try (var first = open("", token, null)) {
                burst = burst(1000, List.of(List.of(province, communeA)));
                received.addAll(collect(first, 300)); // gone after some of it, while the rest is still coming
            }
            try (var resumed = open("", token, received.get(received.size() - 1))) {
                received.addAll(collect(resumed, 1000 - received.size()));
            }
            // in the feed's order: what an uninterrupted subscriber got
            assertThat(received).containsExactlyElementsOf(collect(steady, 1000));
        }
        assertThat(received).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(burst.stream().map(CloudEvent::id).toList());
    }

    @Test
    void anUnknownLastEventIdGetsResetThenLiveEvents() throws Exception {
        try (var stream = open("", tokenOf(communeA), "gone-" + run)) {
            SseClient.Event reset = nextEvent(stream);
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.data()).contains("gone-" + run);
            CloudEvent next = activity(communeA);
            TestEvents.publish(Topics.ACTIVITIES, next);
            assertThat(ids(stream.eventsUntilId(next.id(), WAIT))).containsExactly(next.id());
        }
    }

    @Test
    void aMalformedLastEventIdIsA400Problem() throws Exception {
        var response = HTTP.send(request("/api/v1/stream").header("Authorization", "Bearer " + tokenOf(communeA))
                .header("Last-Event-ID", "bad id{}").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 400, "Last-Event-ID");
    }

    @Test
    void aUnitFilterOutsideTheCallersScopeIsA403Problem() throws Exception {
        UPSTREAM.hiddenUnit("hidden-" + run);
        var refused = get("/api/v1/stream?unitId=" + communeB, tokenOf(communeA));
        assertProblem(refused, 403, communeB);
        // the client's next request goes on a new connection (Problems.write says why)
        assertThat(refused.headers().firstValue("Connection")).hasValue("close");
        assertProblem(get("/api/v1/stream?unitId=" + province, tokenOf(communeA)), 403, "outside");
        assertProblem(get("/api/v1/stream?unitId=hidden-" + run, tokenOf(communeA)), 403, "outside");
        assertProblem(get("/api/v1/stream?types=unit.exploded.v1", tokenOf(communeA)), 400, "unit.exploded.v1");
    }

    @Test
    void aUnitFilterInsideTheScopeNarrowsTheStream() throws Exception {
        try (var stream = open("?unitId=" + communeA, tokenOf(province), null)) {
            CloudEvent other = activity(communeB);
            CloudEvent mine = activity(communeA);
            TestEvents.publish(Topics.ACTIVITIES, other);
            TestEvents.publish(Topics.ACTIVITIES, mine);
            assertThat(ids(stream.eventsUntilId(mine.id(), WAIT))).containsExactly(mine.id());
        }
    }

    @Test
    void aPrincipalBeyondItsConnectionLimitGetsA429ProblemAndOthersAreUnaffected() throws Exception {
        String busy = tokenFor("busy-" + run, communeA);
        var open = new ArrayList<SseClient>();
        try {
            for (int i = 0; i < 3; i++) { // the limit in this test context
                open.add(open("", busy, null));
            }
            assertProblem(get("/api/v1/stream", busy), 429, "3 open streams");
            try (var other = open("", tokenOf(communeB), null)) {
                assertThat(other.status()).isEqualTo(200);
            }
            open.remove(0).close();
            await().atMost(WAIT).untilAsserted(() -> {
                try (var again = open("", busy, null)) {
                    assertThat(again.status()).isEqualTo(200);
                }
            });
        } finally {
            open.forEach(SseClient::close);
        }
    }

    // --- helpers

    private static String tokenOf(String unit) {
        return tokenFor("client-of-" + unit, unit);
    }

    private static String tokenFor(String subject, String unit) {
        return TOKENS.with(c -> c.subject(subject).claim("unitId", unit).claim("roles", List.of("VIEWER")));
    }

    private SseClient open(String query, String token, String lastEventId) throws Exception {
        var request = request("/api/v1/stream" + query).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(5));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        var client = new SseClient(HTTP, request.GET().build());
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.next(WAIT).comment()).isEqualTo("connected");
        return client;
    }

    /** {@code n} activities spread over the unit paths in turn, produced as fast as the producer goes. */
    private List<CloudEvent> burst(int n, List<List<String>> paths) throws Exception {
        var events = new ArrayList<CloudEvent>();
        var sends = new ArrayList<java.util.concurrent.Future<?>>();
        for (int i = 0; i < n; i++) {
            CloudEvent event = activity(paths.get(i % paths.size()));
            events.add(event);
            sends.add(TestEvents.send(Topics.ACTIVITIES, event));
        }
        for (var send : sends) {
            send.get();
        }
        return events;
    }

    private CloudEvent activity(String unit) {
        return activity(List.of(province, unit));
    }

    private static CloudEvent activity(List<String> path) {
        String id = "act-" + UUID.randomUUID();
        String unit = path.get(path.size() - 1);
        return CODEC.create(EventTypes.ACTIVITY_SUBMITTED, id, id, "prg-09", path,
                new ActivityState(id, 1, "prg-09", unit, path.subList(0, path.size() - 1), List.of(), "PATROL",
                        LocalDate.of(2026, 8, 18), Map.of("patrols", java.math.BigDecimal.ONE), "SUBMITTED", true));
    }

    /** The ids of the next {@code n} events, then whatever else arrives within 300 ms (which should be nothing). */
    private static List<String> collect(SseClient client, int n) throws InterruptedException {
        var ids = new ArrayList<String>();
        while (ids.size() < n) {
            ids.add(nextEvent(client).id());
        }
        Thread.sleep(300);
        while (true) {
            try {
                SseClient.Event extra = client.next(Duration.ofMillis(50));
                if (extra.comment() == null) {
                    ids.add(extra.id());
                }
            } catch (AssertionError none) {
                return ids;
            }
        }
    }

    private static SseClient.Event nextEvent(SseClient client) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos(); // heartbeats do not count as progress
        while (true) {
            SseClient.Event next = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (next.comment() == null) {
                return next;
            }
        }
    }

    /** A unit's events of the burst. */
    private static List<String> idsOf(List<CloudEvent> burst, String unit) {
        return burst.stream().filter(e -> e.unitid().equals(unit)).map(CloudEvent::id).toList();
    }

    private static List<String> ids(List<SseClient.Event> events) {
        return events.stream().map(SseClient.Event::id).toList();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status, detail);
    }
}
