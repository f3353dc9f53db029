package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.gateway.support.GatewayIT;
import vn.phoihop.gateway.support.WebhookReceiver;
import vn.phoihop.testsupport.TestInfrastructure;

/** Webhooks through the gateway's API, fed by real Kafka topics, delivered to a real HTTP receiver. */
class WebhooksIT extends GatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final EventCodec CODEC = new EventCodec("/unit-service", Clock.systemUTC());
    private static KafkaProducer<String, String> producer;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void producerAndReceiver() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void close() {
        producer.close();
        receiver.close();
    }

    @Test
    void aMatchingEventArrivesOnceSignedWithTheSecretShownOnlyAtRegistration() throws Exception {
        Scope ward = Scope.fresh();
        String partner = partnerIn(ward.ward);
        JsonNode created = register(partner, Map.of("url", receiver.url("/hooks/a"),
                "eventTypes", List.of("activity.submitted.v1")), 201);
        String secret = created.path("secret").asString();
        assertThat(secret).startsWith("whsec_");

        CloudEvent event = publish(activity(ward.path()));
        WebhookReceiver.Received got = nextFor(event);

        assertThat(got.header("webhook-id")).isEqualTo(event.id());
        assertThat(got.header("content-type")).startsWith("application/json");
        assertThat(JSON.readTree(got.body()).path("id").asString()).isEqualTo(event.id());
        assertThat(got.header("webhook-signature")).isEqualTo("v1," + hmac(secret, got));
        long sent = Long.parseLong(got.header("webhook-timestamp"));
        assertThat(sent).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 5);

        JsonNode read = json(send(partner, "GET", "/api/v1/webhooks/" + created.path("id").asString(), null), 200);
        assertThat(read.toString()).doesNotContain(secret.substring(6));
        assertThat(read.path("url").asString()).isEqualTo(receiver.url("/hooks/a"));
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheSameMessageAgainUntilItAcceptsAndTheLogShowsEachAttempt() throws Exception {
        Scope ward = Scope.fresh();
        String partner = partnerIn(ward.ward);
        String id = register(partner, Map.of("url", receiver.url("/hooks/flaky"), "eventTypes",
                List.of("activity.submitted.v1"))).path("id").asString();
        receiver.drain();
        receiver.answer(500, 500, 500);

        CloudEvent event = publish(activity(ward.path()));
        var attempts = new ArrayList<WebhookReceiver.Received>();
        for (int i = 0; i < 4; i++) {
            attempts.add(nextFor(event));
        }

        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(event.id());
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = json(send(partner, "GET", "/api/v1/webhooks/" + id + "/deliveries", null), 200)
                    .path("items").path(0);
            assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(delivery.path("messageId").asString()).isEqualTo(event.id());
            assertThat(delivery.path("attempts").findValuesAsString("statusCode"))
                    .containsExactly("500", "500", "500", "200");
            assertThat(delivery.path("attempts").path(0).path("latencyMs").isNumber()).isTrue();
        });
        Thread.sleep(1_000);
        assertThat(receiver.drain()).as("nothing after the acceptance").noneMatch(r -> event.id().equals(r.header("webhook-id")));
    }

    @Test
    void eventsOutsideThePartnersScopeOrItsFiltersAreNeverSent() throws Exception {
        Scope mine = Scope.fresh();
        Scope other = Scope.fresh();
        String partner = partnerIn(mine.ward);
        register(partner, Map.of("url", receiver.url("/hooks/scoped"), "eventTypes", List.of("activity.submitted.v1"),
                "programId", "prg-09"), 201);
        receiver.drain();

        CloudEvent foreign = publish(activity(other.path()));
        CloudEvent otherProgram = publish(activity(mine.path(), "prg-20"));
        CloudEvent otherType = publish(CODEC.create(EventTypes.ACTIVITY_CONFIRMED, "a", "a", "prg-09", mine.path(),
                state("a", mine.path())));
        CloudEvent wanted = publish(activity(mine.path()));

        nextFor(wanted);
        Thread.sleep(1_000);
        assertThat(receiver.drain()).extracting(r -> r.header("webhook-id"))
                .doesNotContain(foreign.id(), otherProgram.id(), otherType.id());
    }

    @Test
    void aUnitOutsideTheCallersScopeIsRefusedAtRegistration() throws Exception {
        Scope mine = Scope.fresh();
        UPSTREAM.hiddenUnit("unit-elsewhere");

        var response = send(partnerIn(mine.ward), "POST", "/api/v1/webhooks", Map.of("url", receiver.url("/h"),
                "eventTypes", List.of("activity.submitted.v1"), "unitId", "unit-elsewhere"));

        assertProblem(response, 403);
        assertThat(response.body()).contains("unit-elsewhere");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"url\": \"https://user:pw@partner.example/h\", \"eventTypes\": [\"activity.submitted.v1\"]}",
            "{\"url\": \"ftp://partner.example/h\", \"eventTypes\": [\"activity.submitted.v1\"]}",
            "{\"url\": \"file:///etc/passwd\", \"eventTypes\": [\"activity.submitted.v1\"]}",
            "{\"url\": \"http://169.254.169.254/latest/meta-data\", \"eventTypes\": [\"activity.submitted.v1\"]}",
            "{\"url\": \"http://[fe80::1]/h\", \"eventTypes\": [\"activity.submitted.v1\"]}",
            "{\"url\": \"http://127.0.0.1/h\", \"eventTypes\": [\"activity.exploded.v1\"]}",
            "{\"url\": \"http://127.0.0.1/h\", \"eventTypes\": []}",
            "{\"eventTypes\": [\"activity.submitted.v1\"]}",
            "{\"url\": \"http://127.0.0.1/h\", \"eventTypes\": [\"activity.submitted.v1\"], \"secret\": \"mine\"}",
            "{\"url\": {\"$ne\": null}, \"eventTypes\": [\"activity.submitted.v1\"]}",
            "{\"url\": \"http://127.0.0.1/h\", \"eventTypes\": [\"activity.submitted.v1\"], \"unitId\": {\"$gt\": \"\"}}",
            "{\"url\": \"http://127.0.0.1/h\", \"eventTypes\": [\"activity.submitted.v1\"], \"programId\": \"a.b$c\"}",
            "{\"url\": ",
            "[]"})
    void badRegistrationsAreA400ProblemAndStoreNothing(String body) throws Exception {
        String partner = partnerIn(Scope.fresh().ward);

        assertProblem(sendRaw(partner, "POST", "/api/v1/webhooks", body), 400);
        assertThat(json(send(partner, "GET", "/api/v1/webhooks", null), 200).path("items").size()).isZero();
    }

    @Test
    void onlyPartnersAndAdminsHaveWebhooksAndEachSeesOnlyItsOwn() throws Exception {
        String viewer = TOKENS.with(c -> c.subject("viewer-" + UUID.randomUUID()).claim("roles", List.of("VIEWER")));
        assertProblem(send(viewer, "GET", "/api/v1/webhooks", null), 403);
        assertProblem(send(viewer, "POST", "/api/v1/webhooks", Map.of("url", receiver.url("/h"),
                "eventTypes", List.of("unit.created.v1"))), 403);

        String one = partnerIn(Scope.fresh().ward);
        String two = partnerIn(Scope.fresh().ward);
        String id = register(one, Map.of("url", receiver.url("/h1"), "eventTypes", List.of("unit.created.v1")))
                .path("id").asString();

        assertProblem(send(two, "GET", "/api/v1/webhooks/" + id, null), 404);
        assertProblem(send(two, "DELETE", "/api/v1/webhooks/" + id, null), 404);
        assertProblem(send(two, "GET", "/api/v1/webhooks/" + id + "/deliveries", null), 404);
        assertProblem(send(two, "POST", "/api/v1/webhooks/" + id + "/secret/rotate", null), 404);
        assertThat(json(send(two, "GET", "/api/v1/webhooks", null), 200).path("items").size()).isZero();
        assertThat(json(send(TOKENS.valid(), "GET", "/api/v1/webhooks/" + id, null), 200).path("id").asString())
                .as("an admin sees it").isEqualTo(id);

        assertThat(send(one, "DELETE", "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(204);
        assertProblem(send(one, "GET", "/api/v1/webhooks/" + id, null), 404);
    }

    @Test
    void anAdministratorBoundToAUnitHasOnlyItsOwnWebhooksAsAPartnerHas() throws Exception {
        Scope ward = Scope.fresh();
        String partner = partnerIn(ward.ward);
        String id = register(partner, Map.of("url", receiver.url("/h-scoped"), "eventTypes", List.of("unit.created.v1")))
                .path("id").asString();
        String provincesAdmin = TOKENS.with(c -> c.subject("admin-" + UUID.randomUUID()).claim("unitId", ward.province));

        assertProblem(send(provincesAdmin, "GET", "/api/v1/webhooks/" + id, null), 404);
        assertProblem(send(provincesAdmin, "POST", "/api/v1/webhooks/" + id + "/secret/rotate", null), 404);
        assertProblem(send(provincesAdmin, "GET", "/api/v1/webhooks/" + id + "/deliveries", null), 404);
        assertProblem(send(provincesAdmin, "DELETE", "/api/v1/webhooks/" + id, null), 404);
        assertThat(json(send(provincesAdmin, "GET", "/api/v1/webhooks?limit=500", null), 200).path("items").toString())
                .doesNotContain(id);
        String own = register(provincesAdmin, Map.of("url", receiver.url("/h-own"), "eventTypes",
                List.of("unit.created.v1"))).path("id").asString();
        assertThat(json(send(provincesAdmin, "GET", "/api/v1/webhooks", null), 200).path("items").toString()).contains(own);

        assertThat(json(send(TOKENS.valid(), "GET", "/api/v1/webhooks/" + id, null), 200).path("id").asString())
                .as("a national admin sees every one").isEqualTo(id);
        assertThat(json(send(partner, "GET", "/api/v1/webhooks/" + id, null), 200).path("id").asString()).isEqualTo(id);
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOverlapEnds() throws Exception {
        Scope ward = Scope.fresh();
        String partner = partnerIn(ward.ward);
        JsonNode created = register(partner, Map.of("url", receiver.url("/hooks/rotating"),
                "eventTypes", List.of("activity.submitted.v1")), 201);
        String id = created.path("id").asString();
        JsonNode rotated = json(send(partner, "POST", "/api/v1/webhooks/" + id + "/secret/rotate", null), 200);
        String fresh = rotated.path("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(created.path("secret").asString());
        assertThat(rotated.path("previousSecretsRetireAt").asString()).isNotBlank();

        CloudEvent event = publish(activity(ward.path()));
        WebhookReceiver.Received got = nextFor(event);

        assertThat(got.header("webhook-signature").split(" ")).containsExactly(
                "v1," + hmac(fresh, got), "v1," + hmac(created.path("secret").asString(), got));
    }

    @Test
    void aRedeliveryIsTheSameMessageAgainAndUnknownDeliveriesAre404() throws Exception {
        Scope ward = Scope.fresh();
        String partner = partnerIn(ward.ward);
        String id = register(partner, Map.of("url", receiver.url("/hooks/again"),
                "eventTypes", List.of("activity.submitted.v1"))).path("id").asString();
        CloudEvent event = publish(activity(ward.path()));
        nextFor(event);
        String delivery = await().atMost(WAIT).until(() -> json(send(partner, "GET", "/api/v1/webhooks/" + id
                + "/deliveries?status=DELIVERED", null), 200).path("items").path(0).path("id").asString(), d -> !d.isEmpty());

        var redelivered = send(partner, "POST", "/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/redeliver", null);

        assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(202);
        assertThat(nextFor(event).header("webhook-id")).isEqualTo(event.id());
        assertProblem(send(partner, "POST", "/api/v1/webhooks/" + id + "/deliveries/0000000000000-nope/redeliver", null), 404);
        // an encoded slash is refused before any lookup
        assertThat(send(partner, "POST", "/api/v1/webhooks/" + id + "/deliveries/..%2F..%2Fx/redeliver", null)
                .statusCode()).isEqualTo(400);
        assertProblem(send(partner, "GET", "/api/v1/webhooks/" + id + "/deliveries?status=LOST", null), 400);
        assertProblem(send(partner, "GET", "/api/v1/webhooks/" + id + "/deliveries?limit=100000", null), 400);
        assertProblem(send(partner, "GET", "/api/v1/webhooks/" + id + "/deliveries?cursor=%24ne", null), 400);
    }

    @Test
    void aRedirectToTheCloudMetadataAddressIsRefusedAtDeliveryTime() throws Exception {
        Scope ward = Scope.fresh();
        String partner = partnerIn(ward.ward);
        try (var rebinding = new WebhookReceiver()) {
            rebinding.redirectTo = "http://169.254.169.254/latest/meta-data/";
            rebinding.answer(307, 307, 307, 307, 307, 307, 307, 307);
            String id = register(partner, Map.of("url", rebinding.url("/hooks/moved"),
                    "eventTypes", List.of("activity.submitted.v1"))).path("id").asString();

            publish(activity(ward.path()));

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode delivery = json(send(partner, "GET", "/api/v1/webhooks/" + id + "/deliveries", null), 200)
                        .path("items").path(0);
                assertThat(delivery.path("status").asString()).isEqualTo("PENDING");
                assertThat(delivery.path("attempts").path(0).path("error").asString())
                        .startsWith("target refused").contains("link-local");
            });
        }
    }

    // ---- helpers

    /** A province and a ward of it, with ids of their own, so no other test's events can match. */
    private record Scope(String province, String ward) {
        static Scope fresh() {
            String run = UUID.randomUUID().toString().substring(0, 8);
            return new Scope("prov-" + run, "ward-" + run);
        }

        List<String> path() {
            return List.of(province, ward);
        }
    }

    private static String partnerIn(String unitId) {
        return TOKENS.with(c -> c.subject("partner-" + UUID.randomUUID()).claim("roles", List.of("PARTNER"))
                .claim("unitId", unitId).claim("permissions", List.of()));
    }

    private JsonNode register(String token, Map<String, Object> body) throws Exception {
        return register(token, body, 201);
    }

    private JsonNode register(String token, Map<String, Object> body, int status) throws Exception {
        return json(send(token, "POST", "/api/v1/webhooks", body), status);
    }

    private HttpResponse<String> send(String token, String method, String path, Object body) throws Exception {
        return sendRaw(token, method, path, body == null ? null : JSON.writeValueAsString(body));
    }

    private HttpResponse<String> sendRaw(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static WebhookReceiver.Received nextFor(CloudEvent event) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            WebhookReceiver.Received next = receiver.next(WAIT);
            if (event.id().equals(next.header("webhook-id"))) {
                return next;
            }
        }
        throw new AssertionError("no delivery of " + event.id());
    }

    /** The Standard Webhooks signature, computed here independently of the gateway's code. */
    private static String hmac(String secret, WebhookReceiver.Received got) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String content = got.header("webhook-id") + "." + got.header("webhook-timestamp") + "." + got.body();
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static CloudEvent publish(CloudEvent event) throws Exception {
        producer.send(new ProducerRecord<>("activities", event.partitionkey(), EventCodec.encode(event))).get();
        return event;
    }

    private static CloudEvent activity(List<String> unitPath) {
        return activity(unitPath, "prg-09");
    }

    private static CloudEvent activity(List<String> unitPath, String programId) {
        String id = "act-" + UUID.randomUUID();
        return CODEC.create(EventTypes.ACTIVITY_SUBMITTED, id, id, programId, unitPath, state(id, unitPath));
    }

    private static ActivityState state(String id, List<String> unitPath) {
        String unit = unitPath.get(unitPath.size() - 1);
        return new ActivityState(id, 1, "prg-09", unit, unitPath.subList(0, unitPath.size() - 1), List.of(),
                "PROPAGANDA_SESSION", LocalDate.of(2026, 8, 18), Map.of("sessions", java.math.BigDecimal.ONE), "SUBMITTED", true);
    }
}
