package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import vn.phoihop.gateway.support.GatewayIT;
import vn.phoihop.testsupport.WholeBodyFirstClient;
import vn.phoihop.testsupport.RawHttp.Response;

/**
 * Answers the gateway gives before it has read the body (413, 401, 429, 415) reach a client that writes its whole
 * body before reading, at 2 MB and 10 MB, five times in a row each, while another such client sends beside it: the
 * gateway reads and discards the rest of the body before it closes ({@code LingeringClose}). Before, the close
 * with unread data made the kernel reset the connection, and whether the answer survived depended on how much of
 * the body the socket buffers had taken by then.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestPropertySource(properties = {
        "phoihop.gateway.rate-limit.roles.partner.requests-per-second=0.001",
        "phoihop.gateway.rate-limit.roles.partner.burst=1"})
class EarlyAnswersIT extends GatewayIT {

    private static final long MB = 1_000_000;
    private static final int TIMES = 5;

    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicInteger parallelAnswers = new AtomicInteger();
    private final Queue<String> parallelFailures = new ConcurrentLinkedQueue<>();
    private Thread parallelSender;

    @BeforeEach
    void anotherClientSendsLargeBodiesBeside() {
        String token = TOKENS.with(c -> c.subject("parallel-sender"));
        parallelSender = new Thread(() -> {
            while (sending.get()) {
                try {
                    Response answer = WholeBodyFirstClient.post(port, "/api/v1/activities", "application/json", 3 * MB, token);
                    if (answer.status() == 413) {
                        parallelAnswers.incrementAndGet();
                    } else {
                        parallelFailures.add("status " + answer.status());
                    }
                } catch (IOException e) {
                    parallelFailures.add(e.toString());
                }
            }
        }, "parallel-sender");
        parallelSender.start();
    }

    @AfterEach
    void theParallelSenderGotEveryAnswerToo() throws InterruptedException {
        sending.set(false);
        parallelSender.join();
        assertThat(parallelFailures).as("the parallel sender's failures").isEmpty();
        assertThat(parallelAnswers.get()).as("the parallel sender's 413s").isPositive();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {2 * MB, 10 * MB})
    void anOversizedBodyGetsIts413(long size) throws IOException {
        String token = TOKENS.valid();
        for (int i = 0; i < TIMES; i++) {
            assertAnswer(WholeBodyFirstClient.post(port, "/api/v1/activities", "application/json", size, token),
                    413, "content-too-large");
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {2 * MB, 10 * MB})
    void aBodyWithoutATokenGetsIts401(long size) throws IOException {
        for (int i = 0; i < TIMES; i++) {
            Response answer = WholeBodyFirstClient.post(port, "/api/v1/activities", "application/json", size, null);
            assertAnswer(answer, 401, "unauthorized");
            assertThat(answer.headers()).containsKey("www-authenticate");
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {2 * MB, 10 * MB})
    void aBodyOverTheRateGetsIts429(long size) throws Exception {
        String partner = TOKENS.with(c -> c.subject("flooding-partner-" + size).claim("roles", List.of("PARTNER")));
        get("/api/v1/units", partner); // the bucket's one request
        for (int i = 0; i < TIMES; i++) {
            Response answer = WholeBodyFirstClient.post(port, "/api/v1/activities", "application/json", size, partner);
            assertAnswer(answer, 429, "too-many-requests");
            assertThat(answer.headers()).containsKey("retry-after");
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {2 * MB, 10 * MB})
    void aBodyOfAnUnsupportedTypeGetsIts415BeforeItsSizeIsJudged(long size) throws IOException {
        String token = TOKENS.valid();
        for (int i = 0; i < TIMES; i++) {
            assertAnswer(WholeBodyFirstClient.post(port, "/api/v1/activities", "application/xml", size, token),
                    415, "unsupported-media-type");
        }
    }

    @Test
    void aClientThatNeverSendsItsDeclaredBodyStillGetsTheAnswerAndTheEnd() throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST /api/v1/activities HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 401").contains("\"status\":401");
        }
    }

    @Test
    void aBodyFarOverTheBoundIsNotReadForEver() {
        String token = TOKENS.valid();
        assertThatThrownBy(() -> WholeBodyFirstClient.post(port, "/api/v1/activities", "application/json", 200 * MB, token))
                .as("past 16 MiB the gateway stops reading and closes; only a client that reads while it sends gets the 413")
                .isInstanceOf(IOException.class);
    }

    private static void assertAnswer(Response answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://phoihop.vn/problems/" + type + "\"")
                .contains("\"status\":" + status).contains("\"detail\":");
        assertThat(answer.headers().get("connection")).isEqualTo("close");
    }
}
