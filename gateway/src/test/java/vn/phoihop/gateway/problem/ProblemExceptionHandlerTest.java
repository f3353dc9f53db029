package vn.phoihop.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    private MockServerWebExchange handle(Throwable error) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/units"));
        handler.handle(exchange, error).block();
        return exchange;
    }

    @Test
    void unreachableServiceIs503() {
        var exchange = handle(new ConnectException("Connection refused"));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"type\":\"https://phoihop.vn/problems/service-unavailable\"", "\"status\":503");
    }

    @Test
    void aServiceThatBreaksOffItsAnswerIs502NotA500() {
        for (Throwable cut : new Throwable[] {new java.io.IOException("Connection prematurely closed BEFORE response"),
                new RuntimeException(new java.io.IOException("Connection reset by peer")),
                new reactor.netty.channel.AbortedException("Connection has been closed BEFORE send operation")}) {
            var exchange = handle(cut);
            assertThat(exchange.getResponse().getStatusCode()).as(cut.toString()).isEqualTo(HttpStatus.BAD_GATEWAY);
            assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":502", "Idempotency-Key");
        }
    }

    @Test
    void timeoutIs504() {
        assertThat(handle(new TimeoutException()).getResponse().getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void ourOwn400KeepsItsExplanation() {
        var exchange = handle(new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown event types: x"));
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"detail\":\"Unknown event types: x\"");
    }

    @Test
    void frameworkReasonsAreNotEchoed() {
        var exchange = handle(new ResponseStatusException(HttpStatus.NOT_FOUND, "No static resource /secret/path"));
        assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("secret").contains("\"status\":404");
    }

    @Test
    void aBugIsA500WithoutInternals() {
        var exchange = handle(new IllegalStateException("db password is hunter2"));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("hunter2");
    }
}
