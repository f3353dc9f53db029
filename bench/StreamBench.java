import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;

/**
 * bench/stream: S concurrent SSE subscribers on the gateway's live stream of a running system, a steady load of
 * activity events produced to Kafka, and the event-to-subscriber latency next to the bare Kafka produce→consume
 * latency of the same events, measured in the same run. Run through bench/stream (README.md, "Benchmarks").
 */
public class StreamBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    // when each event was produced (System.nanoTime), by CloudEvent id and by record key; warm-up events are not in it
    static final Map<String, Long> SENT = new ConcurrentHashMap<>();

    int subscribers = 1000;
    int rate = 20;
    int seconds = 30;
    int warmup = 5;
    int perClient = 25;
    String gateway;
    String kafka;
    Path data;

    public static void main(String[] args) throws Exception {
        var bench = new StreamBench();
        try {
            bench.parse(args);
            bench.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("stream: " + e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a number");
            }
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "-s" -> subscribers = value;
                case "-r" -> rate = value;
                case "-d" -> seconds = value;
                case "-w" -> warmup = value;
                case "-c" -> perClient = value;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        var env = System.getenv();
        gateway = env.getOrDefault("PHOIHOP_GATEWAY_URL", "http://localhost:" + env.getOrDefault("GATEWAY_PORT", "8080"))
                .replaceAll("/$", "");
        kafka = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + env.getOrDefault("KAFKA_PORT", "9092"));
        data = Path.of(env.getOrDefault("PHOIHOP_DATA", Path.of(System.getProperty("phoihop.home", "."), ".data").toString()));
    }

    void run() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        System.out.printf("Stream benchmark: %d SSE subscribers (%d per client), %d events/s for %d s after %d s of"
                + " warm-up; %d cores, load %s%n", subscribers, perClient, rate, seconds, warmup,
                Runtime.getRuntime().availableProcessors(), load);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        String admin = token(http, "admin", adminSecret());
        var tokens = new ArrayList<String>();
        for (int c = 0; c < (subscribers + perClient - 1) / perClient; c++) {
            tokens.add(viewerToken(http, admin, c));
        }

        var subs = new ArrayList<Subscriber>();
        var connected = new CountDownLatch(subscribers);
        long openStart = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            var sub = new Subscriber(connected);
            subs.add(sub);
            http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/stream?types=activity.submitted.v1"))
                    .header("Authorization", "Bearer " + tokens.get(i / perClient)).header("Accept", "text/event-stream")
                    .GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(sub))
                    .thenAccept(response -> sub.status = response.statusCode())
                    .exceptionally(e -> {
                        sub.failed(e);
                        return null;
                    });
        }
        if (!connected.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(connected.getCount() + " subscribers did not connect within 120 s");
        }
        long refused = subs.stream().filter(s -> s.error != null).count();
        if (refused > 0) {
            throw new IllegalStateException(refused + " subscribers were refused: " + subs.stream()
                    .filter(s -> s.error != null).findFirst().orElseThrow().error);
        }
        System.out.printf("%d subscribers connected in %.1f s%n", subscribers, (System.nanoTime() - openStart) / 1e9);

        var baseline = new Baseline(kafka);
        baseline.start();
        long produced = produce();
        // the last events' way to every subscriber: until deliveries stop growing for 3 s (at most 120 s)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long before = -1;
        int still = 0;
        while (still < 3 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long now = subs.stream().mapToLong(sub -> sub.count).sum();
            still = now == before ? still + 1 : 0;
            before = now;
        }
        baseline.finish();
        subs.forEach(Subscriber::cancel);
        Thread.sleep(500);

        long[] sse = merge(subs);
        long[] bare = baseline.latencies();
        long expected = produced * subscribers;
        System.out.printf("%nProduced %,d events (after the warm-up) at %d/s; delivered %,d of %,d to subscribers"
                + " (%.2f%%), %,d to the bare consumer%n", produced, rate, sse.length, expected,
                100.0 * sse.length / Math.max(1, expected), bare.length);
        System.out.printf("%n| path | events | p50 ms | p99 ms | max ms |%n| --- | --- | --- | --- | --- |%n");
        row("Kafka produce -> consume (baseline)", bare);
        row("Kafka -> gateway -> SSE subscriber", sse);
        System.out.printf("%nSSE over bare Kafka: p50 %.2f x, p99 %.2f x%n", pct(sse, 50) / pct(bare, 50),
                pct(sse, 99) / pct(bare, 99));
        long overflowed = subs.stream().filter(sub -> sub.overflowed).count();
        System.out.printf("Subscribers told overflow (fell behind, disconnected): %d%n", overflowed);
    }

    /** Activity events at a steady rate, as unit-service writes them; warm-up events are not timed. */
    long produce() throws Exception {
        var codec = new EventCodec("/bench", Clock.systemUTC());
        long timed = 0;
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            long total = (long) rate * (warmup + seconds);
            long start = System.nanoTime();
            for (long n = 0; n < total; n++) {
                long due = start + n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String id = "bench-" + UUID.randomUUID();
                CloudEvent event = codec.create(EventTypes.ACTIVITY_SUBMITTED, id, id, "bench-program",
                        List.of("bench-province", "bench-commune"), new ActivityState(id, 1, "bench-program",
                                "bench-commune", List.of("bench-province"), List.of(), "PATROL", LocalDate.now(),
                                Map.of("patrols", 1.0), "SUBMITTED", true));
                String json = EventCodec.encode(event);
                if (n >= (long) rate * warmup) {
                    long now = System.nanoTime();
                    SENT.put(event.id(), now); // what a subscriber sees
                    SENT.put(id, now); // the record key: what the bare consumer sees
                    timed++;
                }
                producer.send(new ProducerRecord<>(Topics.ACTIVITIES, id, json));
            }
        }
        return timed;
    }

    /** One SSE connection: the latency of each timed event, from its "id:" line. */
    static final class Subscriber implements Flow.Subscriber<String> {
        final CountDownLatch connected;
        long[] latencies = new long[1024];
        volatile int count;
        volatile boolean overflowed;
        volatile int status;
        volatile Throwable error;
        volatile Flow.Subscription subscription;
        final AtomicBoolean seen = new AtomicBoolean();

        Subscriber(CountDownLatch connected) {
            this.connected = connected;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith(":connected") && seen.compareAndSet(false, true)) {
                connected.countDown();
            } else if (line.startsWith("id:")) {
                Long sent = SENT.get(line.substring(3));
                if (sent != null) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - sent;
                }
            } else if (line.equals("event:overflow")) {
                overflowed = true;
            } else if (line.startsWith("{\"type\"") || line.startsWith("{\"status\"")) {
                failed(new IllegalStateException(line)); // a problem document instead of a stream
            }
        }

        void failed(Throwable e) {
            error = e;
            if (seen.compareAndSet(false, true)) {
                connected.countDown();
            }
        }

        @Override
        public void onError(Throwable e) {
            failed(e);
        }

        @Override
        public void onComplete() {
            if (seen.compareAndSet(false, true)) {
                error = new IllegalStateException("stream ended before it started (status " + status + ")");
                connected.countDown();
            }
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** A plain consumer of the same topic, from its end: produce→consume latency of the same events. */
    static final class Baseline extends Thread {
        final KafkaConsumer<String, String> consumer;
        volatile boolean running = true;
        long[] latencies = new long[1024];
        int count;

        Baseline(String kafka) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-stream-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
            var partitions = consumer.partitionsFor(Topics.ACTIVITIES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            partitions.forEach(consumer::position); // at the end now, before the first event is produced
        }

        @Override
        public void run() {
            try (consumer) {
                while (running) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Long sent = SENT.get(record.key());
                        if (sent != null) {
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = now - sent;
                        }
                    }
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join();
        }

        long[] latencies() {
            long[] all = Arrays.copyOf(latencies, count);
            Arrays.sort(all);
            return all;
        }
    }

    static long[] merge(List<Subscriber> subs) {
        var counts = subs.stream().mapToInt(s -> s.count).toArray(); // cancelled by now: no more come
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            System.arraycopy(subs.get(i).latencies, 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return all;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static void row(String name, long[] sorted) {
        System.out.printf("| %s | %,d | %.2f | %.2f | %.2f |%n", name, sorted.length, pct(sorted, 50), pct(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    String adminSecret() throws Exception {
        String secret = System.getenv("ADMIN_CLIENT_SECRET");
        if (secret != null) {
            return secret;
        }
        Path file = data.resolve("admin-client-secret");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no admin client secret at " + file + "; set PHOIHOP_DATA or ADMIN_CLIENT_SECRET");
        }
        return Files.readString(file).trim();
    }

    /** A VIEWER client of its own, bound to the province the events concern (the gateway limits open streams per client), and its token. */
    String viewerToken(HttpClient http, String admin, int n) throws Exception {
        String body = "{\"name\":\"bench-stream-" + UUID.randomUUID().toString().substring(0, 8) + "-" + n
                + "\",\"roles\":[\"VIEWER\"],\"unitId\":\"bench-province\",\"agency\":\"OTHER\",\"permissions\":[]}";
        var response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/clients"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating a client answered " + response.statusCode() + ": " + response.body());
        }
        var created = JSON.readTree(response.body());
        return token(http, created.get("clientId").asString(), created.get("clientSecret").asString());
    }

    String token(HttpClient http, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IllegalStateException("nothing answers at " + gateway + "; start the system with ./phoihop up");
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + client + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }
}
