package vn.phoihop.gateway.webhook;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * One delivery attempt: a signed POST to the webhook's URL. Redirects are followed only when they keep the method
 * and body (307, 308), at most {@code maxRedirects}, each target checked by the {@link TargetPolicy} again; the
 * client's DNS resolver is the policy's, so no connection reaches an address it refuses.
 */
class Sender {

    private final HttpClient http;
    private final TargetPolicy policy;
    private final int maxRedirects;
    private final Duration timeout;
    private final Clock clock;

    Sender(TargetPolicy policy, WebhookProperties properties, Clock clock) {
        this.policy = policy;
        this.maxRedirects = properties.maxRedirects();
        this.timeout = properties.requestTimeout();
        this.clock = clock;
        this.http = HttpClient.create()
                .resolver(policy.resolverGroup())
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 10_000))
                .responseTimeout(timeout);
    }

    Delivery.Attempt attempt(String url, String messageId, List<SigningSecret> secrets, String body) {
        Instant at = clock.instant();
        long begin = System.nanoTime();
        long timestamp = at.getEpochSecond();
        String signature = Signatures.header(secrets, messageId, timestamp, body, at);
        URI target = URI.create(url);
        try {
            for (int hop = 0; ; hop++) {
                Answer answer = post(target, messageId, timestamp, signature, body);
                long latency = (System.nanoTime() - begin) / 1_000_000;
                if (answer.status >= 200 && answer.status < 300) {
                    return new Delivery.Attempt(at, answer.status, latency, null);
                }
                if ((answer.status == 307 || answer.status == 308) && answer.location != null && hop < maxRedirects) {
                    target = policy.checkForm(target.resolve(answer.location).toString());
                    continue;
                }
                String why = answer.status >= 300 && answer.status < 400 ? "redirect not followed" : "answered";
                return new Delivery.Attempt(at, answer.status, latency, why + " " + answer.status);
            }
        } catch (TargetPolicy.RefusedTarget e) {
            return failed(at, begin, "target refused: the URL " + e.getMessage());
        } catch (RuntimeException e) {
            return failed(at, begin, describe(e));
        }
    }

    private Answer post(URI target, String messageId, long timestamp, String signature, String body) {
        policy.checkLiteralAddress(target);
        return http.headers(headers -> headers
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.USER_AGENT, "phoihop-webhooks/1")
                        .set("webhook-id", messageId)
                        .set("webhook-timestamp", Long.toString(timestamp))
                        .set("webhook-signature", signature))
                .post()
                .uri(target)
                .send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(ignored -> new Answer(response.status().code(),
                                response.responseHeaders().get(HttpHeaderNames.LOCATION))))
                .block(timeout.plusSeconds(5));
    }

    private Delivery.Attempt failed(Instant at, long begin, String error) {
        return new Delivery.Attempt(at, null, (System.nanoTime() - begin) / 1_000_000, error);
    }

    /** What went wrong, in words a partner can act on, without the stack or internals. */
    private static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TargetPolicy.RefusedTarget refused) {
                return "target refused: the URL " + refused.getMessage();
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.ReadTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return "timed out";
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "the host does not resolve";
            }
        }
        return "failed: " + error.getClass().getSimpleName();
    }

    private record Answer(int status, String location) {
    }
}
