import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/abuse-probes: the security issue's probes (co-signing after a correction, identity namespaces, delegation,
 * huge date ranges, huge numbers, malformed encodings, strict JSON types, bidi names) sent in a loop from several
 * threads for a while through the gateway of a running system; then every service's health and a plain lookup's
 * latency next to the same lookup before the load. Prints each probe's answers by status; exit 1 if any answer
 * was a 5xx or a timeout, or a service is not healthy afterwards.
 */
public class AbuseProbes {

    /** One request; a body is sent as JSON; {@code accept} asks for another representation (CSV). */
    record Probe(String name, String method, String path, String token, String body, String accept) {

        Probe(String name, String method, String path, String token, String body) {
            this(name, method, path, token, body, null);
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"(?:id|clientId|clientSecret)\"\\s*:\\s*\"([^\"]+)\"");

    /** Probes that must be refused (4xx) every time; the others must only never be a 5xx or a timeout. */
    static final Pattern MUST_REFUSE = Pattern.compile("^(2|3|5 a metric|6|7|9) ");

    static String gateway;
    static String admin;

    public static void main(String[] args) throws Exception {
        int seconds = 60;
        int threads = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-d" -> seconds = Integer.parseInt(args[++i]);
                case "-t" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        gateway = System.getenv().getOrDefault("PHOIHOP_GATEWAY_URL",
                "http://localhost:" + System.getenv().getOrDefault("GATEWAY_PORT", "8080"));
        String secret = System.getenv("ADMIN_CLIENT_SECRET");
        if (secret == null) {
            Path data = Path.of(System.getenv().getOrDefault("PHOIHOP_DATA", ".data"));
            secret = Files.readString(data.resolve("admin-client-secret")).trim();
        }
        admin = token("admin", secret);

        List<Probe> probes = setUp();
        String lookup = "/api/v1/units?limit=1";
        double before = medianMillis(lookup, 50);
        System.out.printf("abuse-probes: %d probes, %d threads, %d s against %s; a plain lookup's median before: %.1f ms%n",
                probes.size(), threads, seconds, gateway, before);

        Map<String, Map<String, AtomicLong>> answers = new ConcurrentHashMap<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            var worker = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    Probe probe = probes.get(i % probes.size());
                    String outcome = outcome(probe);
                    answers.computeIfAbsent(probe.name(), n -> new ConcurrentHashMap<>())
                            .computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }

        boolean bad = false;
        for (var probe : new TreeMap<>(answers).entrySet()) {
            boolean mustRefuse = MUST_REFUSE.matcher(probe.getKey()).find();
            boolean failed = probe.getValue().keySet().stream().anyMatch(o -> o.startsWith("5") || o.startsWith("timeout")
                    || o.startsWith("error") || mustRefuse && !o.startsWith("4"));
            bad |= failed;
            System.out.printf("  %-4s %-44s %s%n", failed ? "FAIL" : "ok", probe.getKey(), new TreeMap<>(probe.getValue()));
        }
        double after = medianMillis(lookup, 50);
        System.out.printf("a plain lookup's median after: %.1f ms (%.2f x before)%n", after, after / before);
        for (String service : List.of("units", "programs", "auth")) {
            String answer = outcome(new Probe(service, "GET", "/api/v1/audit?service=" + service + "&limit=1", admin, null));
            bad |= !answer.equals("200");
            System.out.printf("  %-4s the %s service answers a read of its audit: %s%n", answer.equals("200") ? "ok" : "FAIL",
                    service, answer);
        }
        String gatewayHealth = outcome(new Probe("gateway", "GET", "/actuator/health", null, null));
        bad |= !gatewayHealth.equals("200");
        System.out.printf("  %-4s gateway health: %s%n", gatewayHealth.equals("200") ? "ok" : "FAIL", gatewayHealth);
        System.out.println(bad ? "FAIL" : "PASS");
        System.exit(bad ? 1 : 0);
    }

    /** A province with two communes, clients of both agencies and roles, a program, a joint activity; the probes. */
    static List<Probe> setUp() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String province = created("/api/v1/units", admin, unit("AP-" + run, "Tỉnh Thăm Dò", "PROVINCE", null));
        String communeA = created("/api/v1/units", admin, unit("AA-" + run, "Xã An Hòa", "COMMUNE", province));
        String communeB = created("/api/v1/units", admin, unit("AB-" + run, "Xã Bình Hòa", "COMMUNE", province));
        String front = created("/api/v1/units", admin, unit("AF-" + run, "Ủy ban MTTQ xã An Hòa", "FRONT_COMMITTEE", communeA));
        String police = clientToken("UNIT_OFFICER", communeA, "POLICE");
        String frontOfficer = clientToken("UNIT_OFFICER", province, "FRONT");
        String localAdmin = clientToken("ADMIN", communeA, "POLICE");
        String viewer = clientToken("VIEWER", communeA, "OTHER");

        String program = created("/api/v1/programs", admin, """
                {"code":"AP-%s","aliases":[],"title":"Chương trình thăm dò","kind":"COORDINATION_PROGRAM","issuers":[],
                 "startsOn":"2020-01-01","endsOn":"2030-12-31","scopeUnitId":"%s"}""".formatted(run, province));
        call("POST", "/api/v1/programs/" + program + "/indicators", admin, """
                {"code":"sessions","name":"Buổi","unitOfMeasure":"buổi","aggregation":"SUM"}""");
        call("POST", "/api/v1/programs/" + program + "/enrollments", admin, "{\"unitId\":\"" + province + "\"}");
        call("POST", "/api/v1/programs/" + program + "/activate", admin, null);
        String yesterday = LocalDate.now().minusDays(1).toString();
        String activity = null;
        HttpResponse<String> last = null;
        for (int attempt = 0; activity == null && attempt < 60; attempt++) { // unit-service learns of the activation
            var answer = call("POST", "/api/v1/activities", police, """
                    {"programId":"%s","unitId":"%s","coUnitIds":["%s"],"type":"PROPAGANDA_SESSION","occurredOn":"%s",
                     "title":"Tuyên truyền","metrics":{"sessions":1}}""".formatted(program, communeA, front, yesterday));
            last = answer;
            if (answer.statusCode() == 201) {
                activity = idOf(answer.body());
            } else {
                Thread.sleep(500);
            }
        }
        if (activity == null) {
            throw new IllegalStateException("unit-service never accepted an activity for the new program: "
                    + last.statusCode() + " " + last.body());
        }
        String activityBody = """
                {"programId":"%s","unitId":"%s","coUnitIds":[],"type":"PROPAGANDA_SESSION","occurredOn":"%s",
                 "title":%%s,"metrics":%%s}""".formatted(program, communeA, yesterday);
        String q = "/api/v1/programs/" + program + "/progress?unitId=" + communeA;
        String jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";
        return List.of(
                new Probe("1 correction by the other agency", "POST", "/api/v1/activities/" + activity + "/corrections",
                        frontOfficer, "{\"metrics\":{\"sessions\":100},\"reason\":\"thử\"}"),
                new Probe("1 confirm by the other agency", "POST", "/api/v1/activities/" + activity + "/confirm",
                        frontOfficer, "{}"),
                new Probe("2 user named like the admin client", "POST", "/api/v1/users", admin, """
                        {"username":"ADMIN","displayName":"x","roles":["PARTNER"],"unitId":"%s","agency":"OTHER"}"""
                        .formatted(communeA)),
                new Probe("3 local admin grants a province admin", "POST", "/api/v1/clients", localAdmin, """
                        {"name":"wider","roles":["ADMIN"],"unitId":"%s","agency":"POLICE","permissions":["pii:read"]}"""
                        .formatted(province)),
                new Probe("3 local admin rotates the keys", "POST", "/api/v1/keys/rotate", localAdmin, null),
                new Probe("4 progress over a billion years", "GET",
                        q + "&from=-999999999-01-01&to=%2B999999999-12-31", viewer, null),
                new Probe("4 progress over 20,000 years", "GET", q + "&from=-9999-01-01&to=9999-12-31", viewer, null),
                new Probe("4 progress CSV over 20,000 years", "GET", q + "&from=-9999-01-01&to=9999-12-31", viewer, null,
                        "text/csv"),
                new Probe("5 a metric of 1.7e308", "POST", "/api/v1/activities", police,
                        activityBody.formatted("\"Lớn\"", "{\"sessions\":1.7e308}")),
                new Probe("5 progress CSV", "GET", q, viewer, null, "text/csv"),
                new Probe("6 invalid UTF-8 in q", "GET", "/api/v1/units?q=%FF%FE", viewer, null),
                new Probe("6 invalid UTF-8 in status", "GET", "/api/v1/activities?status=%FF", viewer, null),
                new Probe("6 invalid UTF-8 in a cursor", "GET", "/api/v1/clients?cursor=%FF", admin, null),
                new Probe("6 invalid UTF-8 in an unknown parameter", "GET", "/api/v1/programs?zz=%FF", viewer, null),
                new Probe("6 NUL in program search", "GET", "/api/v1/programs?q=H%C3%B2a%00L%E1%BB%A3i", viewer, null),
                new Probe("6 a JWE-shaped bearer", "GET", "/api/v1/units", jwe, null),
                new Probe("7 a number as title", "POST", "/api/v1/activities", police, activityBody.formatted("123",
                        "{\"sessions\":1}")),
                new Probe("7 an enum by position", "POST", "/api/v1/activities", police,
                        activityBody.formatted("\"Thử\"", "{\"sessions\":1}").replace("\"PROPAGANDA_SESSION\"", "1")),
                new Probe("7 a number as a reason", "POST", "/api/v1/activities/" + activity + "/reject", frontOfficer,
                        "{\"reason\":5}"),
                new Probe("9 a bidi override in a client name", "POST", "/api/v1/clients", admin, """
                        {"name":"abc\u202Efdp.exe","roles":["VIEWER"],"unitId":"%s","agency":"OTHER"}""".formatted(communeB)));
    }

    static String outcome(Probe probe) {
        try {
            var request = HttpRequest.newBuilder(URI.create(gateway + probe.path())).timeout(Duration.ofSeconds(30));
            if (probe.token() != null) {
                request.header("Authorization", "Bearer " + probe.token());
            }
            if (probe.body() != null) {
                request.header("Content-Type", "application/json");
            }
            if (probe.accept() != null) {
                request.header("Accept", probe.accept());
            }
            request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(probe.body()));
            return Integer.toString(HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (java.net.http.HttpTimeoutException e) {
            return "timeout";
        } catch (Exception e) {
            return "error " + e.getClass().getSimpleName();
        }
    }

    static double medianMillis(String path, int times) throws Exception {
        var millis = new ArrayList<Double>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + admin).GET());
            millis.add((System.nanoTime() - start) / 1e6);
        }
        millis.sort(null);
        return millis.get(times / 2);
    }

    static String unit(String code, String name, String kind, String parent) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"validFrom\":\"2020-01-01\""
                + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"") + "}";
    }

    static String clientToken(String role, String unit, String agency) throws Exception {
        var answer = call("POST", "/api/v1/clients", admin, """
                {"name":"probe-%s-%s","roles":["%s"],"unitId":"%s","agency":"%s"}"""
                .formatted(role.toLowerCase(), UUID.randomUUID(), role, unit, agency));
        require(answer, 201);
        Matcher id = Pattern.compile("\"clientId\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        Matcher secret = Pattern.compile("\"clientSecret\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        if (!id.find() || !secret.find()) {
            throw new IllegalStateException("no client id and secret in " + answer.body());
        }
        return token(id.group(1), secret.group(1));
    }

    static String token(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        var answer = send(HttpRequest.newBuilder(URI.create(gateway + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        require(answer, 200);
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
        if (!token.find()) {
            throw new IllegalStateException("no token in " + answer.body());
        }
        return token.group(1);
    }

    static String created(String path, String token, String body) throws Exception {
        var answer = call("POST", path, token, body);
        require(answer, 201);
        return idOf(answer.body());
    }

    static String idOf(String body) {
        Matcher id = ID.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return id.group(1);
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void require(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.uri().getPath() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }
    }
}
