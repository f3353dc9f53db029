import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * latency of the same events, measured in the same run; then webhook deliveries/s to a receiver in this process next
 * to plain POSTs/s to it. Run through bench/stream (README.md, "Benchmarks").
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
    int webhooks = 20;
    int webhookRate = 10;
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
                case "-W" -> webhooks = value;
                case "-R" -> webhookRate = value;
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

        // a lean client of its own (NIO selector threads, "data:" lines skipped unparsed): the JDK's HttpClient spent
        // more CPU receiving 1,000 streams than the gateway spent sending them, on the same cores
        var subs = new ArrayList<Subscriber>();
        var gatewayUri = URI.create(gateway);
        for (int i = 0; i < subscribers; i++) {
            subs.add(new Subscriber(gatewayUri, "/api/v1/stream?types=activity.submitted.v1", tokens.get(i / perClient)));
        }
        long openStart = System.nanoTime();
        var connected = new CountDownLatch(subscribers);
        var receivers = new ArrayList<SseReceiver>();
        int threads = Math.min(4, subscribers); // a single one fell behind when other processes loaded the cores
        for (int t = 0; t < threads; t++) {
            int thread = t;
            receivers.add(new SseReceiver(java.util.stream.IntStream.range(0, subscribers).filter(i -> i % threads == thread)
                    .mapToObj(subs::get).toList(), connected));
        }
        receivers.forEach(Thread::start);
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
        double cpuBefore = gatewayCpuSeconds();
        long produced = produce("bench-program", rate, warmup, seconds);
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
        double cpu = gatewayCpuSeconds() - cpuBefore;
        baseline.finish();
        for (SseReceiver receiver : receivers) {
            receiver.close();
        }

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
        if (!Double.isNaN(cpu)) {
            long all = (long) rate * (warmup + seconds) * subscribers;
            System.out.printf("Gateway CPU while producing and delivering: %.1f s, %.1f us per delivery%n", cpu,
                    cpu * 1e6 / Math.max(1, all));
        }
        if (webhooks > 0) {
            webhooks(http, admin);
        }
    }

    /**
     * Webhook deliveries/s: W webhooks of the admin client, narrowed to this run's program, point at a receiver in
     * this process; R events/s for the same time. The baseline is plain POSTs of the same body from this process to
     * the same receiver, as many at once as the gateway's dispatcher sends (16).
     */
    void webhooks(HttpClient http, String admin) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        System.out.printf("%nWebhooks: %d webhooks on a local receiver, %d events/s for %d s (%,d deliveries/s asked);"
                + " load %s%n", webhooks, webhookRate, seconds, webhooks * webhookRate, load);
        try (var receiver = new Receiver()) {
            double plain = receiver.baseline(http, sampleBody(), 16, Duration.ofSeconds(5));
            String program = "bench-webhooks-" + UUID.randomUUID().toString().substring(0, 8);
            var ids = new ArrayList<String>();
            try {
                for (int i = 0; i < webhooks; i++) {
                    var response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/webhooks"))
                            .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url(i)
                                    + "\",\"eventTypes\":[\"activity.submitted.v1\"],\"programId\":\"" + program + "\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 400 && response.body().contains("url")) {
                        System.out.println("Webhooks skipped: the gateway refuses a plain-http loopback receiver; start the"
                                + " system with PHOIHOP_WEBHOOKS_ALLOW_HTTP=true PHOIHOP_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true");
                        return;
                    }
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("registering a webhook answered " + response.statusCode() + ": "
                                + response.body());
                    }
                    ids.add(JSON.readTree(response.body()).get("id").asString());
                }
                SENT.clear();
                long start = System.nanoTime();
                long produced = produce(program, webhookRate, 0, seconds);
                long expected = produced * webhooks;
                // until every delivery came, or none came for 10 s (at most 300 s)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                long before = -1;
                int still = 0;
                while (receiver.count() < expected && still < 10 && System.nanoTime() < deadline) {
                    Thread.sleep(1_000);
                    long now = receiver.count();
                    still = now == before ? still + 1 : 0;
                    before = now;
                }
                long[] latencies = receiver.latencies();
                double span = (receiver.last - start) / 1e9;
                double perSecond = latencies.length / Math.max(span, 1e-9);
                System.out.printf("Delivered %,d of %,d (%.2f%%) in %.1f s after the first event%n", latencies.length,
                        expected, 100.0 * latencies.length / Math.max(1, expected), span);
                System.out.printf("%n| path | per second | p50 ms | p99 ms | max ms |%n| --- | --- | --- | --- | --- |%n");
                System.out.printf("| plain POSTs to the receiver, 16 at once (baseline) | %,.0f | | | |%n", plain);
                System.out.printf("| Kafka -> gateway -> webhook delivery | %,.1f | %.2f | %.2f | %.2f |%n", perSecond,
                        pct(latencies, 50), pct(latencies, 99),
                        latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6);
                System.out.printf("%nWebhook deliveries/s over plain POSTs/s: %.3f x; duplicates received: %d%n",
                        perSecond / plain, receiver.duplicates());
            } finally {
                for (String id : ids) { // else they would go on receiving (and retrying) after this run
                    http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/webhooks/" + id))
                            .header("Authorization", "Bearer " + admin).DELETE().build(), HttpResponse.BodyHandlers.discarding());
                }
            }
        }
    }

    static String sampleBody() {
        var codec = new EventCodec("/bench", Clock.systemUTC());
        return EventCodec.encode(activity(codec, "bench-" + UUID.randomUUID(), "bench-program"));
    }

    static CloudEvent activity(EventCodec codec, String id, String program) {
        return codec.create(EventTypes.ACTIVITY_SUBMITTED, id, id, program,
                List.of("bench-province", "bench-commune"), new ActivityState(id, 1, program,
                        "bench-commune", List.of("bench-province"), List.of(), "PATROL", LocalDate.now(),
                        Map.of("patrols", java.math.BigDecimal.ONE), "SUBMITTED", true));
    }

    /** Receives webhook POSTs on 127.0.0.1: the latency of each first delivery of a timed event, by its webhook-id. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(16);
        final java.util.concurrent.ConcurrentLinkedQueue<Long> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicLong duplicates = new java.util.concurrent.atomic.AtomicLong();
        volatile long last;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.createContext("/", exchange -> {
                long now = System.nanoTime();
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    String id = exchange.getRequestHeaders().getFirst("webhook-id");
                    Long sent = id == null ? null : SENT.get(id);
                    if (sent != null) {
                        if (seen.add(exchange.getRequestURI().getPath() + " " + id)) {
                            received.add(now - sent);
                            last = now;
                        } else {
                            duplicates.incrementAndGet();
                        }
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.setExecutor(threads);
            server.start();
        }

        String url(int n) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + n;
        }

        long count() {
            return received.size();
        }

        long duplicates() {
            return duplicates.get();
        }

        long[] latencies() {
            long[] all = received.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(all);
            return all;
        }

        /** Plain POSTs/s of this body, {@code parallel} at a time, for {@code time}. */
        double baseline(HttpClient http, String body, int parallel, Duration time) throws Exception {
            var posts = new java.util.concurrent.atomic.AtomicLong();
            long end = System.nanoTime() + time.toNanos();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
            var request = HttpRequest.newBuilder(URI.create(url(-1))).header("Content-Type", "application/json")
                    .header("webhook-id", "baseline").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            for (int i = 0; i < parallel; i++) {
                pool.execute(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            http.send(request, HttpResponse.BodyHandlers.discarding());
                            posts.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(time.toSeconds() + 30, TimeUnit.SECONDS);
            return posts.get() / ((System.nanoTime() - start) / 1e9);
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    /** CPU seconds the gateway process used so far, when it runs on this machine ($PHOIHOP_GATEWAY_PID, else the devstack's pid file). */
    double gatewayCpuSeconds() {
        try {
            String pid = System.getenv("PHOIHOP_GATEWAY_PID");
            if (pid == null) {
                pid = Files.readString(data.resolve("run/gateway.pid")).trim();
            }
            String[] stat = Files.readString(Path.of("/proc", pid, "stat")).split("\\) ", 2)[1].split(" ");
            return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0; // utime + stime, in clock ticks
        } catch (Exception e) {
            return Double.NaN; // not here, or not Linux
        }
    }

    /** Activity events at a steady rate, as unit-service writes them; warm-up events are not timed. */
    long produce(String program, int rate, int warmup, int seconds) throws Exception {
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
                CloudEvent event = activity(codec, id, program);
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
    static final class Subscriber {
        final ByteBuffer request;
        final InetSocketAddress address;
        SocketChannel channel;
        long[] latencies = new long[1024];
        volatile int count;
        volatile boolean overflowed;
        volatile String error;
        // the response as it is parsed: status line and headers, then chunked body, then SSE lines
        int state = HEAD;
        long chunkLeft;
        final StringBuilder head = new StringBuilder();
        final StringBuilder line = new StringBuilder();
        boolean skipLine; // a data: line, which is not needed
        boolean connected;

        static final int HEAD = 0, CHUNK_SIZE = 1, CHUNK_DATA = 2, CHUNK_END = 3;

        Subscriber(URI gateway, String path, String token) {
            address = new InetSocketAddress(gateway.getHost(), gateway.getPort() < 0 ? 80 : gateway.getPort());
            request = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                    + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        /** Feeds received bytes; returns true when the connection just became connected (or failed). */
        boolean feed(ByteBuffer in, long now) {
            boolean settled = false;
            while (in.hasRemaining()) {
                byte b = in.get();
                switch (state) {
                    case HEAD -> {
                        head.append((char) b);
                        int n = head.length();
                        if (b == '\n' && n >= 4 && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') {
                            if (!head.toString().startsWith("HTTP/1.1 200")) {
                                error = head.substring(0, head.indexOf("\r\n"));
                                return true;
                            }
                            state = CHUNK_SIZE;
                            line.setLength(0);
                        }
                    }
                    case CHUNK_SIZE -> {
                        if (b == '\n') {
                            String size = line.toString().trim();
                            int semi = size.indexOf(';');
                            chunkLeft = Long.parseLong(semi < 0 ? size : size.substring(0, semi), 16);
                            line.setLength(0);
                            state = chunkLeft == 0 ? HEAD : CHUNK_DATA; // 0: the stream ended
                        } else {
                            line.append((char) b);
                        }
                    }
                    case CHUNK_DATA -> {
                        in.position(in.position() - 1); // the rest of the chunk, or of what came, in one go
                        int n = (int) Math.min(chunkLeft, in.remaining());
                        settled |= sse(in, n, now);
                        chunkLeft -= n;
                        if (chunkLeft == 0) {
                            state = CHUNK_END;
                        }
                    }
                    case CHUNK_END -> {
                        if (b == '\n') {
                            state = CHUNK_SIZE;
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            return settled;
        }

        private final StringBuilder sseLine = new StringBuilder();

        /** {@code n} bytes of SSE text: "data:" lines are skipped unread, the others (ids, names, comments) kept. */
        private boolean sse(ByteBuffer in, int n, long now) {
            byte[] bytes = in.array();
            int at = in.arrayOffset() + in.position();
            int end = at + n;
            boolean settled = false;
            while (at < end) {
                if (skipLine) {
                    while (at < end && bytes[at] != '\n') {
                        at++;
                    }
                    if (at < end) {
                        skipLine = false;
                        at++;
                    }
                    continue;
                }
                byte b = bytes[at++];
                if (b == '\n') {
                    settled |= sseLine(sseLine.toString(), now);
                    sseLine.setLength(0);
                } else {
                    sseLine.append((char) b); // ids, event names and comments are ASCII
                    if (sseLine.length() == 5 && sseLine.charAt(0) == 'd' && sseLine.charAt(4) == ':') {
                        skipLine = true; // "data:"
                        sseLine.setLength(0);
                    }
                }
            }
            in.position(in.position() + n);
            return settled;
        }

        private boolean sseLine(String text, long now) {
            if (text.startsWith(":connected") && !connected) {
                connected = true;
                return true;
            } else if (text.startsWith("id:")) {
                Long sent = SENT.get(text.substring(3));
                if (sent != null) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count] = now - sent;
                    count++;
                }
            } else if (text.equals("event:overflow")) {
                overflowed = true;
            }
            return false;
        }
    }

    /** Subscribers' connections on one selector thread: connects, sends the request, parses what comes. */
    static final class SseReceiver extends Thread {
        final List<Subscriber> subs;
        final CountDownLatch connected;
        final Selector selector;
        volatile boolean running = true;

        SseReceiver(List<Subscriber> subs, CountDownLatch connected) throws Exception {
            super("sse-receiver");
            this.subs = subs;
            this.connected = connected;
            this.selector = Selector.open();
            for (Subscriber sub : subs) {
                sub.channel = SocketChannel.open();
                sub.channel.configureBlocking(false);
                sub.channel.connect(sub.address);
                sub.channel.register(selector, SelectionKey.OP_CONNECT, sub);
            }
        }

        @Override
        public void run() {
            var buffer = ByteBuffer.allocate(256 * 1024);
            try {
                while (running) {
                    selector.select(200);
                    long now = System.nanoTime();
                    for (var keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        Subscriber sub = (Subscriber) key.attachment();
                        try {
                            if (key.isConnectable()) {
                                sub.channel.finishConnect();
                                key.interestOps(SelectionKey.OP_WRITE);
                            } else if (key.isWritable()) {
                                sub.channel.write(sub.request);
                                if (!sub.request.hasRemaining()) {
                                    key.interestOps(SelectionKey.OP_READ);
                                }
                            } else if (key.isReadable()) {
                                buffer.clear();
                                int read = sub.channel.read(buffer);
                                if (read < 0) {
                                    throw new java.io.EOFException("the gateway closed the stream");
                                }
                                buffer.flip();
                                if (sub.feed(buffer, now)) {
                                    connected.countDown();
                                    if (sub.error != null) {
                                        key.cancel(); // refused: its answer is in error
                                    }
                                }
                            }
                        } catch (Exception e) {
                            key.cancel();
                            if (!sub.connected && sub.error == null) {
                                sub.error = e.toString();
                                connected.countDown();
                            } else if (sub.error == null) {
                                sub.error = e.toString();
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void close() throws Exception {
            running = false;
            selector.wakeup();
            join();
            for (Subscriber sub : subs) {
                sub.channel.close();
            }
            selector.close();
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
