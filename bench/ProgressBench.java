import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;

/**
 * bench/progress: loads N activity events into a running system, then times projection, progress queries and a
 * rebuild from replay. Run through bench/progress (README.md, "Benchmarks"; docs/progress.md).
 */
public class ProgressBench {

    static final List<String> INDICATORS = List.of("sessions", "attendees", "tips", "households");
    static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);
    static final int YEARS = 5;
    static final double LIMIT_MS = 200;

    final Options o;
    final Api api;
    final Random random = new Random(9);

    ProgressBench(Options o) {
        this.o = o;
        this.api = new Api(o);
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        try {
            System.exit(new ProgressBench(o).run() ? 0 : 1);
        } catch (Stop e) {
            System.err.println("progress: " + e.getMessage());
            System.exit(2);
        }
    }

    boolean run() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        System.out.printf("Progress benchmark: %,d events, %d districts x %d communes, %d years; %d cores, load %s%n%n",
                o.events, o.districts, o.communes, YEARS, Runtime.getRuntime().availableProcessors(), load);
        Tree tree = Tree.create(api, o, random);
        String program = api.program();
        System.out.printf("Program %s, province %s with %d units below it%n", program, tree.province, tree.communes.size() + o.districts);

        var truth = new Truth();
        Instant start = Instant.now();
        long published = new Load(o, tree, program, truth, random).publish();
        double publishS = seconds(start);
        System.out.printf("Published %,d events of %,d activities to %s in %.1f s (%,.0f events/s)%n", published,
                truth.activities, Topics.ACTIVITIES, publishS, published / publishS);
        awaitFigures(program, tree.province, truth.province, start, published);
        double projectS = seconds(start);
        System.out.printf("Projected: province figures complete %.1f s after the first event: %,.0f events/s, %.2f ms per event%n%n",
                projectS, published / projectS, projectS * 1000 / published);

        boolean ok = new Queries(api, o, program, tree, truth).run();
        if (!o.skipRebuild) {
            ok &= rebuild(program, tree.province, truth.province);
        }
        return ok;
    }

    /** Polls the province's all-time figures until they equal what was published. */
    void awaitFigures(String program, String province, Map<String, Double> expected, Instant start, long events)
            throws Exception {
        Instant lastLine = Instant.now();
        while (true) {
            Map<String, Double> actual = api.figures(program, province, "");
            if (actual.equals(expected)) {
                return;
            }
            if (Duration.between(lastLine, Instant.now()).toSeconds() >= 30) {
                lastLine = Instant.now();
                System.out.printf("  %4.0f s: attendees %,.0f of %,.0f%n", seconds(start), actual.get("attendees"),
                        expected.get("attendees"));
            }
            if (seconds(start) > o.timeoutS) {
                throw new Stop("figures incomplete after " + o.timeoutS + " s: " + actual + " of " + expected);
            }
            Thread.sleep(1000);
        }
    }

    boolean rebuild(String program, String province, Map<String, Double> expected) throws Exception {
        JsonNode begun = api.json("POST", "/api/v1/programs/progress/rebuild", 202);
        System.out.printf("Rebuild into generation %d of %,d events on the topic (every run's)…%n",
                begun.get("building").asInt(), begun.path("total").asLong());
        Instant start = Instant.now();
        Instant lastLine = start;
        JsonNode status = begun;
        while (!status.get("state").asString().equals("DONE")) {
            Thread.sleep(1000);
            status = api.json("GET", "/api/v1/programs/progress/rebuild", 200);
            if (Duration.between(lastLine, Instant.now()).toSeconds() >= 30) {
                lastLine = Instant.now();
                System.out.printf("  %4.0f s: replayed %,d of %,d%n", seconds(start), status.path("replayed").asLong(),
                        status.path("total").asLong());
            }
            if (seconds(start) > o.timeoutS) {
                throw new Stop("rebuild still running after " + o.timeoutS + " s: " + status);
            }
        }
        long replayed = status.get("replayed").asLong();
        double s = Duration.between(Instant.parse(status.get("startedAt").asString()),
                Instant.parse(status.get("finishedAt").asString())).toMillis() / 1000.0;
        boolean same = api.figures(program, province, "").equals(expected);
        System.out.printf("Rebuilt: %,d events replayed in %.1f s: %,.0f events/s, %.2f ms per event; figures after the swap %s%n",
                replayed, s, replayed / s, s * 1000 / replayed, same ? "identical" : "DIFFERENT");
        return same;
    }

    static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    static final class Stop extends RuntimeException {
        Stop(String message) {
            super(message);
        }
    }

    /** Command line and environment. */
    static final class Options {
        long events = 1_000_000;
        int districts = 10;
        int communes = 10;
        int requests = 300;
        int warmup = 50;
        long timeoutS = 4 * 3600;
        boolean skipRebuild;
        String gateway;
        String kafka;
        Path data;

        static Options parse(String[] args) {
            var o = new Options();
            String port = System.getenv().getOrDefault("GATEWAY_PORT", "8080");
            o.gateway = System.getenv().getOrDefault("PHOIHOP_GATEWAY_URL", "http://localhost:" + port).replaceAll("/$", "");
            o.kafka = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
                    "localhost:" + System.getenv().getOrDefault("KAFKA_PORT", "9092"));
            o.data = Path.of(System.getenv().getOrDefault("PHOIHOP_DATA", System.getProperty("phoihop.home") + "/.data"));
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-n" -> o.events = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                    case "-r" -> o.requests = Integer.parseInt(args[++i]);
                    case "-w" -> o.warmup = Integer.parseInt(args[++i]);
                    case "--districts" -> o.districts = Integer.parseInt(args[++i]);
                    case "--communes" -> o.communes = Integer.parseInt(args[++i]);
                    case "--timeout" -> o.timeoutS = Long.parseLong(args[++i]);
                    case "--no-rebuild" -> o.skipRebuild = true;
                    default -> throw new Stop("unknown option " + args[i] + " (bench/progress -h)");
                }
            }
            return o;
        }
    }

    /** The gateway's API, with a token of the admin client renewed every few minutes. */
    static final class Api {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final JsonMapper json = JsonMapper.builder().build();
        final Options o;
        String token;
        Instant tokenAt = Instant.EPOCH;

        Api(Options o) {
            this.o = o;
        }

        String program() throws Exception {
            String id = json("POST", "/api/v1/programs", 201, "{\"code\":\"BENCH-" + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"title\":\"Benchmark\",\"kind\":\"COORDINATION_PROGRAM\",\"startsOn\":\"2013-01-01\",\"endsOn\":\"2033-12-31\"}")
                    .get("id").asString();
            for (String code : INDICATORS) {
                json("POST", "/api/v1/programs/" + id + "/indicators", 201,
                        "{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"aggregation\":\"SUM\"}");
            }
            return id;
        }

        /** Each indicator's actual figure for a unit over a range ({@code &from=…&to=…}, or "" for all time). */
        Map<String, Double> figures(String program, String unit, String range) throws Exception {
            var figures = new HashMap<String, Double>();
            json("GET", "/api/v1/programs/" + program + "/progress?unitId=" + unit + range, 200).get("indicators")
                    .forEach(i -> figures.put(i.get("code").asString(), i.get("actual").asDouble()));
            return figures;
        }

        JsonNode json(String method, String path, int expected) throws Exception {
            return json(method, path, expected, null);
        }

        JsonNode json(String method, String path, int expected, String body) throws Exception {
            HttpResponse<String> response = send(method, path, body);
            if (response.statusCode() != expected) {
                throw new Stop(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            var request = HttpRequest.newBuilder(URI.create(o.gateway + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token()).header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                throw new Stop("nothing answers at " + o.gateway + "; start the system with ./phoihop up (and the same ports)");
            }
        }

        String token() throws Exception {
            if (Duration.between(tokenAt, Instant.now()).toMinutes() < 4) {
                return token;
            }
            String secret = System.getenv("ADMIN_CLIENT_SECRET");
            if (secret == null) {
                Path file = o.data.resolve("admin-client-secret");
                if (!Files.exists(file)) {
                    throw new Stop("no admin client secret at " + file + "; set PHOIHOP_DATA or ADMIN_CLIENT_SECRET");
                }
                secret = Files.readString(file).trim();
            }
            String basic = Base64.getEncoder().encodeToString(("admin:" + secret).getBytes(StandardCharsets.UTF_8));
            var request = HttpRequest.newBuilder(URI.create(o.gateway + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                throw new Stop("nothing answers at " + o.gateway + "; start the system with ./phoihop up (and the same ports)");
            }
            if (response.statusCode() != 200) {
                throw new Stop("no token: " + response.statusCode() + " " + response.body());
            }
            token = json.readTree(response.body()).get("access_token").asString();
            tokenAt = Instant.now();
            return token;
        }
    }

    /** A province, its districts and their communes, created through unit-service so that every view knows them. */
    static final class Tree {
        String province;
        final Map<String, String> districtOf = new LinkedHashMap<>();
        final List<String> communes = new ArrayList<>();

        static Tree create(Api api, Options o, Random random) throws Exception {
            var tree = new Tree();
            String tag = "B" + UUID.randomUUID().toString().substring(0, 6);
            tree.province = unit(api, tag, "Tỉnh thử " + tag, "PROVINCE", null);
            for (int d = 0; d < o.districts; d++) {
                String district = unit(api, tag + "-" + d, "Huyện " + d, "DISTRICT", tree.province);
                for (int c = 0; c < o.communes; c++) {
                    String commune = unit(api, tag + "-" + d + "-" + c, "Xã " + d + "." + c, "COMMUNE", district);
                    tree.communes.add(commune);
                    tree.districtOf.put(commune, district);
                }
            }
            return tree;
        }

        static String unit(Api api, String code, String name, String kind, String parent) throws Exception {
            return api.json("POST", "/api/v1/units", 201, "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"kind\":\""
                    + kind + "\"," + (parent == null ? "" : "\"parentId\":\"" + parent + "\",") + "\"validFrom\":\"2015-01-01\"}")
                    .get("id").asString();
        }
    }

    /** What the figures must come to: sums of each activity's final counted metrics. */
    static final class Truth {
        long activities;
        final Map<String, Double> province = new HashMap<>();
        final Map<String, Map<String, Double>> byCommune = new HashMap<>();
        final Map<String, Double> year2021 = new HashMap<>();

        Truth() {
            INDICATORS.forEach(i -> {
                province.put(i, 0.0);
                year2021.put(i, 0.0);
            });
        }

        void counted(String commune, LocalDate day, Map<String, BigDecimal> metrics) {
            metrics.forEach((code, figure) -> {
                double v = figure.doubleValue(); // whole numbers here: exact as doubles
                province.merge(code, v, Double::sum);
                byCommune.computeIfAbsent(commune, c -> new HashMap<>()).merge(code, v, Double::sum);
                if (day.getYear() == 2021) {
                    year2021.merge(code, v, Double::sum);
                }
            });
        }
    }

    /**
     * The events, in the order activities are logged: dates rise through the years, each activity is submitted on its
     * day and its later events (confirmation of a joint one, a correction, a rejection) follow a little later.
     */
    static final class Load {
        record Due(long at, ActivityState state, EventType<ActivityState> type) {
        }

        final Options o;
        final Tree tree;
        final String program;
        final Truth truth;
        final Random random;
        final EventCodec codec = new EventCodec("/unit-service", Clock.systemUTC());
        final PriorityQueue<Due> later = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

        Load(Options o, Tree tree, String program, Truth truth, Random random) {
            this.o = o;
            this.tree = tree;
            this.program = program;
            this.truth = truth;
            this.random = random;
        }

        long publish() {
            var props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka);
            props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            long sent = 0;
            try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                long days = FIRST_DAY.plusYears(YEARS).toEpochDay() - FIRST_DAY.toEpochDay();
                long planned = o.events;
                for (long i = 0; sent + later.size() < planned; i++) {
                    while (!later.isEmpty() && later.peek().at <= i) {
                        sent += send(producer, later.poll());
                    }
                    LocalDate day = FIRST_DAY.plusDays(i * days / Math.max(1, planned * 3 / 4));
                    if (!day.isBefore(FIRST_DAY.plusYears(YEARS))) {
                        day = FIRST_DAY.plusYears(YEARS).minusDays(1 + random.nextInt(30));
                    }
                    sent += activity(producer, i, day, planned - sent - later.size());
                }
                while (!later.isEmpty()) {
                    sent += send(producer, later.poll());
                }
                producer.flush();
            }
            return sent;
        }

        /** Submits one activity and schedules its later events, no more than {@code room} events in all. */
        int activity(KafkaProducer<String, String> producer, long i, LocalDate day, long room) {
            truth.activities++;
            String commune = tree.communes.get(random.nextInt(tree.communes.size()));
            var metrics = metrics();
            boolean joint = room >= 2 && random.nextInt(5) == 0;
            var submitted = new ActivityState(UUID.randomUUID().toString(), 1, program, commune,
                    List.of(tree.province, tree.districtOf.get(commune)), joint ? List.of(tree.province) : List.of(),
                    "PROPAGANDA_SESSION", day, metrics, joint ? "AWAITING_CONFIRMATION" : "SUBMITTED", !joint);
            ActivityState last = submitted;
            if (joint) {
                last = next(last, last.metrics(), "CONFIRMED", true, null);
                later.add(new Due(i + 50 + random.nextInt(2000), last, EventTypes.ACTIVITY_CONFIRMED));
            }
            int roll = random.nextInt(100);
            boolean more = room >= (joint ? 3 : 2);
            if (more && roll < 8) {
                last = next(last, metrics(), last.status(), last.counts(), "Sửa số liệu");
                later.add(new Due(i + 100 + random.nextInt(4000), last, EventTypes.ACTIVITY_CORRECTED));
            } else if (more && roll < 11) {
                last = next(last, last.metrics(), "REJECTED", false, "Không đúng thực tế");
                later.add(new Due(i + 100 + random.nextInt(4000), last, EventTypes.ACTIVITY_REJECTED));
            }
            if (last.counts()) {
                truth.counted(commune, day, last.metrics());
            }
            return send(producer, new Due(i, submitted, EventTypes.ACTIVITY_SUBMITTED));
        }

        Map<String, BigDecimal> metrics() {
            var m = new LinkedHashMap<String, BigDecimal>();
            if (random.nextBoolean()) {
                m.put("sessions", BigDecimal.valueOf(1 + random.nextInt(3)));
                m.put("attendees", BigDecimal.valueOf(20 + random.nextInt(300)));
            } else {
                m.put(random.nextBoolean() ? "tips" : "households", BigDecimal.valueOf(1 + random.nextInt(5)));
                m.put("attendees", BigDecimal.valueOf(5 + random.nextInt(50)));
            }
            return m;
        }

        static ActivityState next(ActivityState s, Map<String, BigDecimal> metrics, String status, boolean counts, String reason) {
            return new ActivityState(s.activityId(), s.revision() + (metrics.equals(s.metrics()) ? 0 : 1), s.programId(),
                    s.unitId(), s.ancestorIds(), s.coUnitIds(), s.type(), s.occurredOn(), metrics, status, counts,
                    s.version() + 1, reason);
        }

        int send(KafkaProducer<String, String> producer, Due due) {
            var s = due.state();
            var path = new ArrayList<>(s.ancestorIds());
            path.add(s.unitId());
            var event = codec.create(due.type(), s.activityId(), s.activityId(), program, path, s);
            producer.send(new ProducerRecord<>(Topics.ACTIVITIES, s.activityId(), EventCodec.encode(event)));
            return 1;
        }
    }

    /** Progress queries timed round-robin with a baseline, after a warm-up; figures checked against the truth. */
    static final class Queries {
        final Api api;
        final Options o;
        final Map<String, String> paths = new LinkedHashMap<>();
        final Map<String, List<Double>> times = new LinkedHashMap<>();
        final String program;
        final Tree tree;
        final Truth truth;

        Queries(Api api, Options o, String program, Tree tree, Truth truth) {
            this.api = api;
            this.o = o;
            this.program = program;
            this.tree = tree;
            this.truth = truth;
            String progress = "/api/v1/programs/" + program + "/progress?unitId=";
            paths.put("program", "/api/v1/programs/" + program);
            paths.put("commune", progress + tree.communes.get(0));
            paths.put("province", progress + tree.province);
            paths.put("province 2021", progress + tree.province + "&from=2021-01-01&to=2021-12-31");
            paths.put("province range", progress + tree.province + "&from=2019-03-17&to=2023-10-12");
        }

        boolean run() throws Exception {
            boolean right = api.figures(program, tree.province, "&from=2021-01-01&to=2021-12-31").equals(truth.year2021)
                    && api.figures(program, tree.communes.get(0), "").equals(withZeros(truth.byCommune.get(tree.communes.get(0))));
            paths.keySet().forEach(k -> times.put(k, new ArrayList<>()));
            for (int round = 0; round < o.warmup + o.requests; round++) {
                for (var e : paths.entrySet()) {
                    long t0 = System.nanoTime();
                    var response = api.send("GET", e.getValue(), null);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (response.statusCode() != 200) {
                        throw new Stop("GET " + e.getValue() + " answered " + response.statusCode());
                    }
                    if (round >= o.warmup) {
                        times.get(e.getKey()).add(ms);
                    }
                }
            }
            return print(right);
        }

        boolean print(boolean right) {
            System.out.printf("%d requests of each kind after %d warm-up rounds, round-robin, one client:%n", o.requests, o.warmup);
            System.out.printf("%-15s %8s %8s %8s %8s %9s %9s  %s%n", "kind", "p50 ms", "p95 ms", "p99 ms", "max ms",
                    "p50/base", "p95/base", "request");
            double[] base = stats(times.get("program"));
            boolean pass = true;
            for (var e : times.entrySet()) {
                double[] s = stats(e.getValue());
                System.out.printf("%-15s %8.1f %8.1f %8.1f %8.1f %8.2fx %8.2fx  GET %s%n", e.getKey(), s[0], s[1], s[2],
                        s[3], s[0] / base[0], s[1] / base[1], paths.get(e.getKey()).replace(program, "{id}")
                        .replace(tree.province, "{province}").replace(tree.communes.get(0), "{commune}"));
                if (e.getKey().startsWith("province")) {
                    pass &= s[1] <= LIMIT_MS;
                }
            }
            System.out.printf("%nFigures for the province in 2021 and for one commune %s the events published.%n",
                    right ? "equal" : "DIFFER FROM");
            System.out.printf("Claim \"progress for a province answers at p95 <= %.0f ms\": %s%n%n", LIMIT_MS, pass ? "PASS" : "FAIL");
            return pass && right;
        }

        static Map<String, Double> withZeros(Map<String, Double> figures) {
            var all = new HashMap<String, Double>();
            INDICATORS.forEach(i -> all.put(i, figures == null ? 0.0 : figures.getOrDefault(i, 0.0)));
            return all;
        }

        /** p50, p95, p99 (nearest rank) and max. */
        static double[] stats(List<Double> values) {
            var sorted = values.stream().sorted().toList();
            return new double[] {rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted.get(sorted.size() - 1)};
        }

        static double rank(List<Double> sorted, double p) {
            return sorted.get((int) Math.max(0, Math.ceil(p * sorted.size()) - 1));
        }
    }
}
