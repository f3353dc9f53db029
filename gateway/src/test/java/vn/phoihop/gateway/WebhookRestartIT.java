package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.gateway.support.FakeUpstream;
import vn.phoihop.gateway.support.TestTokens;
import vn.phoihop.gateway.support.WebhookReceiver;
import vn.phoihop.testsupport.TestInfrastructure;

/**
 * Deliveries survive the gateway: a receiver that is down while the gateway stops and starts again still gets
 * every event once both are back, including one published while the gateway was away. And a delivery whose retry
 * window passes is parked as failed, then sent again on request.
 */
class WebhookRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final EventCodec CODEC = new EventCodec("/unit-service", Clock.systemUTC());
    private static final TestTokens TOKENS = new TestTokens();
    private static final FakeUpstream UPSTREAM = new FakeUpstream(TOKENS.publicKeys());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static KafkaProducer<String, String> producer;
    private final String database = "gateway-restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final String ward = "ward-" + UUID.randomUUID().toString().substring(0, 8);
    private final String partner = TOKENS.with(c -> c.subject("partner-" + ward).claim("roles", List.of("PARTNER"))
            .claim("unitId", ward));

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterAll
    static void close() {
        producer.close();
        UPSTREAM.close();
    }

    @Test
    void aReceiverDownAcrossAGatewayRestartGetsEveryEventOnceBothAreBack() throws Exception {
        int receiverPort = WebhookReceiver.freePort();
        String webhook;
        CloudEvent beforeStop;
        try (var gateway = start("5m")) {
            webhook = register(gateway, "http://127.0.0.1:" + receiverPort + "/hook");
            beforeStop = publish(activity());
            await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries(gateway, webhook).path(0).path("attempts")
                    .path(0).path("error").asString()).isEqualTo("connection refused"));
        }
        CloudEvent whileStopped = publish(activity());

        try (var receiver = new WebhookReceiver(receiverPort); var gateway = start("5m")) {
            Set<String> got = new java.util.HashSet<>();
            while (!got.containsAll(Set.of(beforeStop.id(), whileStopped.id()))) {
                got.add(receiver.next(WAIT).header("webhook-id"));
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(gateway, webhook)).isEqualTo(
                    Map.of(beforeStop.id(), "DELIVERED", whileStopped.id(), "DELIVERED")));
            Thread.sleep(1_000);
            assertThat(receiver.drain()).as("each once").isEmpty();
        }
    }

    @Test
    void aDeliveryPastItsRetryWindowIsParkedAndCanBeRedelivered() throws Exception {
        int receiverPort = WebhookReceiver.freePort();
        try (var gateway = start("2s")) {
            String webhook = register(gateway, "http://127.0.0.1:" + receiverPort + "/hook");
            CloudEvent event = publish(activity());
            await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(gateway, webhook))
                    .isEqualTo(Map.of(event.id(), "FAILED")));
            JsonNode parked = deliveries(gateway, webhook).path(0);
            assertThat(parked.path("attempts").size()).isGreaterThan(1);
            assertThat(parked.path("nextAttemptAt").isNull()).isTrue();

            try (var receiver = new WebhookReceiver(receiverPort)) {
                var redeliver = send(gateway, "POST", "/api/v1/webhooks/" + webhook + "/deliveries/"
                        + parked.path("id").asString() + "/redeliver", null);
                assertThat(redeliver.statusCode()).as(redeliver.body()).isEqualTo(202);
                assertThat(receiver.next(WAIT).header("webhook-id")).isEqualTo(event.id());
                await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(gateway, webhook))
                        .isEqualTo(Map.of(event.id(), "DELIVERED")));
            }
        }
    }

    private ConfigurableApplicationContext start(String retryFor) {
        var properties = new HashMap<String, Object>();
        properties.put("server.port", 0);
        properties.put("AUTH_ISSUER_URI", TestTokens.ISSUER);
        properties.put("AUTH_JWKS_URI", UPSTREAM.baseUrl() + "/jwks");
        properties.put("UNIT_SERVICE_URI", UPSTREAM.baseUrl());
        properties.put("PROGRAM_SERVICE_URI", UPSTREAM.baseUrl());
        properties.put("AUTH_SERVER_URI", UPSTREAM.baseUrl());
        properties.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        properties.put("spring.mongodb.uri", TestInfrastructure.mongoUri());
        properties.put("spring.mongodb.database", database);
        // the other tests' gateway may still run in this JVM, in the default group: it must not take our partitions
        properties.put("phoihop.webhooks.consumer-group", database);
        properties.put("phoihop.webhooks.allow-http", true);
        properties.put("phoihop.webhooks.allow-private-networks", true);
        properties.put("phoihop.webhooks.first-retry", "200ms");
        properties.put("phoihop.webhooks.max-backoff", "1s");
        properties.put("phoihop.webhooks.dispatch-every", "100ms");
        properties.put("phoihop.webhooks.request-timeout", "2s");
        properties.put("phoihop.webhooks.retry-for", retryFor);
        // as arguments, so they win over application.yml as they would on a command line
        return new SpringApplicationBuilder(GatewayApplication.class).run(properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    private String register(ConfigurableApplicationContext gateway, String url) throws Exception {
        var response = send(gateway, "POST", "/api/v1/webhooks", JSON.writeValueAsString(Map.of("url", url,
                "eventTypes", List.of("activity.submitted.v1"))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private JsonNode deliveries(ConfigurableApplicationContext gateway, String webhook) throws Exception {
        var response = send(gateway, "GET", "/api/v1/webhooks/" + webhook + "/deliveries", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("items");
    }

    private Map<String, String> statuses(ConfigurableApplicationContext gateway, String webhook) throws Exception {
        var all = new HashMap<String, String>();
        deliveries(gateway, webhook).forEach(d -> all.put(d.path("messageId").asString(), d.path("status").asString()));
        return all;
    }

    private HttpResponse<String> send(ConfigurableApplicationContext gateway, String method, String path, String body)
            throws Exception {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + partner)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private CloudEvent publish(CloudEvent event) throws Exception {
        producer.send(new ProducerRecord<>("activities", event.partitionkey(), EventCodec.encode(event))).get();
        return event;
    }

    private CloudEvent activity() {
        String id = "act-" + UUID.randomUUID();
        List<String> path = List.of("prov-restart", ward);
        return CODEC.create(EventTypes.ACTIVITY_SUBMITTED, id, id, "prg-09", path,
                new ActivityState(id, 1, "prg-09", ward, List.of("prov-restart"), List.of(), "PROPAGANDA_SESSION",
                        LocalDate.of(2026, 8, 18), Map.of("sessions", java.math.BigDecimal.ONE), "SUBMITTED", true));
    }
}
