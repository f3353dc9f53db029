package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.gateway.stream.ConnectionLimits;
import vn.phoihop.gateway.stream.EventFeed;
import vn.phoihop.gateway.support.GatewayIT;
import vn.phoihop.gateway.support.SseClient;
import vn.phoihop.gateway.support.TestEvents;

/**
 * A subscriber that stops reading, over real HTTP: it must not hold up the others; once its own buffer is full it is
 * cut off (it cannot even take the {@code overflow} event, so its connection is closed) and its slot comes back.
 */
class SlowSubscriberIT extends GatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final EventCodec CODEC = new EventCodec("/unit-service", Clock.systemUTC());
    // more than the slow subscriber's buffer (phoihop.stream.buffer-size, 1,000) and the socket buffers between
    // it and the gateway can hold: events of about 3 KB each
    private static final int BURST = 4_000;

    @Autowired
    EventFeed feed;

    @Autowired
    ConnectionLimits limits;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String unit = "slow-test-" + run;

    @BeforeEach
    void feedIsLive() {
        await().atMost(WAIT).until(feed::isReady);
    }

    @Test
    void aSubscriberThatNeverReadsIsCutOffWhileAnotherGetsTheWholeBurstAndItsSlotComesBack() throws Exception {
        String slowClient = "never-reads-" + run;
        String slowToken = token(slowClient);
        try (var slow = new Socket()) {
            slow.setReceiveBufferSize(4096); // before connecting: a small window, which it never empties
            slow.connect(new InetSocketAddress("localhost", port));
            slow.getOutputStream().write(("GET /api/v1/stream?unitId=" + unit + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + slowToken + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            await().atMost(WAIT).until(() -> limits.openBy(slowClient) == 1);

            List<String> sent;
            List<String> received = new ArrayList<>();
            try (var normal = open(token("reads-" + run))) {
                long start = System.nanoTime();
                sent = burst();
                while (received.size() < sent.size()) {
                    SseClient.Event next = normal.next(WAIT);
                    if (next.comment() == null) {
                        received.add(next.id());
                    }
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the reader was not held up")
                        .isLessThan(WAIT);
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);

            // the one that never read: cut off (it cannot even take the overflow event), its slot given back
            await().atMost(WAIT).until(() -> limits.openBy(slowClient) == 0);
            slow.setSoTimeout((int) WAIT.toMillis());
            String got = readUntilClosed(slow.getInputStream());
            assertThat(got).startsWith("HTTP/1.1 200").contains(":connected");
            assertThat(got.split("\nid:").length - 1).as("it got only the start of the burst before it stalled")
                    .isLessThan(BURST);
        }
        // it may open as many streams as before (3 in the tests' context)
        var again = new ArrayList<SseClient>();
        try {
            for (int i = 0; i < 3; i++) {
                again.add(open(slowToken));
            }
        } finally {
            again.forEach(SseClient::close);
        }
    }

    /** What the gateway wrote, until it closed the connection (fails if it does not). */
    private static String readUntilClosed(InputStream in) throws Exception {
        var out = new ByteArrayOutputStream();
        var buffer = new byte[64 * 1024];
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                assertThat(System.nanoTime()).as("the gateway closed the stalled connection").isLessThan(deadline);
            }
        } catch (SocketException reset) {
            // closed with data still unsent: as good as closed
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String token(String subject) {
        return TOKENS.with(c -> c.subject(subject).claim("roles", List.of("VIEWER")));
    }

    private SseClient open(String token) throws Exception {
        var client = new SseClient(HTTP, request("/api/v1/stream?unitId=" + unit).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(5)).GET().build());
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.next(WAIT).comment()).isEqualTo("connected");
        return client;
    }

    private List<String> burst() throws Exception {
        var measures = new TreeMap<String, java.math.BigDecimal>();
        for (int i = 0; i < 100; i++) {
            measures.put("padding-measure-of-the-slow-subscriber-test-" + i, java.math.BigDecimal.valueOf(i));
        }
        var ids = new ArrayList<String>();
        var sends = new ArrayList<Future<?>>();
        for (int i = 0; i < BURST; i++) {
            String id = "act-" + UUID.randomUUID();
            CloudEvent event = CODEC.create(EventTypes.ACTIVITY_SUBMITTED, id, id, "prg-09", List.of("root-" + run, unit),
                    new ActivityState(id, 1, "prg-09", unit, List.of("root-" + run), List.of(), "PATROL",
                            LocalDate.of(2026, 8, 18), Map.copyOf(measures), "SUBMITTED", true));
            ids.add(event.id());
            sends.add(TestEvents.send(Topics.ACTIVITIES, event));
        }
        for (var send : sends) {
            send.get();
        }
        return ids;
    }
}
