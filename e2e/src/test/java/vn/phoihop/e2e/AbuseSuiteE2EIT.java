package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID_MASKED;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_MASKED;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.phoihop.testsupport.WholeBodyFirstClient;

/**
 * The security issue's abuse suite, through the gateway of the packaged system. Province P has communes A and B;
 * the attackers are principals scoped to commune A (an officer, a viewer, a partner) going after B's records and
 * the province's, after functions their role lacks, after server-owned fields, with forged tokens, spoofed
 * headers, operator injection and floods. Nothing may leak across the scope, and no answer may be a 5xx.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class AbuseSuiteE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);
    /** Partners get a small budget here, so a flood is quick to show; everyone else keeps the default. */
    static final Map<String, String> SETTINGS = Map.of(
            "PHOIHOP_GATEWAY_RATE_LIMIT_ROLES_PARTNER_REQUESTS_PER_SECOND", "5",
            "PHOIHOP_GATEWAY_RATE_LIMIT_ROLES_PARTNER_BURST", "20");

    private static Phoihop phoihop;
    private static Gateway admin;
    private static Gateway officerA;
    private static Gateway officerB;
    private static Gateway viewerA;
    private static Gateway partnerA;
    private static final List<String> clientSecrets = new ArrayList<>();
    private static String province;
    private static String communeA;
    private static String communeB;
    private static String policeA;
    private static String program;
    private static String programB;
    private static String memberA;
    private static String memberB;
    private static String activityA;
    private static String activityB;
    private static String reviewA;
    private static String reviewB;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void aProvinceWithTwoCommunes() throws Exception {
        Gateway.SERVER_ERRORS.clear(); // only this suite's answers count, whatever ran before it in this JVM
        phoihop = Phoihop.startFresh("abuse", SECRET, SETTINGS);
        admin = new Gateway(phoihop.gatewayUrl());
        admin.token = token("admin", SECRET);

        String run = UUID.randomUUID().toString().substring(0, 6);
        province = id(admin.post("/api/v1/units", unit("P-" + run, "Tỉnh Thử Nghiệm", "PROVINCE", null)), 201);
        communeA = id(admin.post("/api/v1/units", unit("A-" + run, "Xã An Bình", "COMMUNE", province)), 201);
        communeB = id(admin.post("/api/v1/units", unit("B-" + run, "Xã Bình Minh", "COMMUNE", province)), 201);
        policeA = id(admin.post("/api/v1/units", unit("CA-" + run, "Công an xã An Bình", "POLICE_UNIT", communeA)), 201);

        officerA = client("UNIT_OFFICER", communeA, "POLICE");
        officerB = client("UNIT_OFFICER", communeB, "POLICE");
        viewerA = client("VIEWER", communeA, "OTHER");
        partnerA = client("PARTNER", communeA, "OTHER");

        program = activeProgram("ABUSE-P-" + run, province);
        programB = activeProgram("ABUSE-B-" + run, communeB);

        memberA = id(admin.post("/api/v1/units/" + communeA + "/members", member()), 201);
        memberB = id(admin.post("/api/v1/units/" + communeB + "/members", member()), 201);

        activityA = id(retried(officerA, "/api/v1/activities", activity(program, communeA, 2)), 201);
        activityB = id(retried(officerB, "/api/v1/activities", activity(program, communeB, 5)), 201);
        awaitSessions(admin, province, 7);

        reviewA = id(admin.post("/api/v1/programs/" + program + "/reviews", review(communeA)), 201);
        reviewB = id(admin.post("/api/v1/programs/" + program + "/reviews", review(communeB)), 201);
    }

    @AfterAll
    static void noServerErrorNoSecretAndNoPersonalDataInAnyLog() throws Exception {
        if (phoihop == null) {
            return;
        }
        try {
            assertThat(Gateway.SERVER_ERRORS).as("5xx answers anywhere in the suite").isEmpty();
            assertThat(phoihop.placesInLogsOf(clientSecrets)).as("log lines with a client secret").isEmpty();
            assertThat(phoihop.personalDataInLogs()).as("log lines with personal data, redacted").isEmpty();
        } finally {
            phoihop.kill();
        }
    }

    // ---- object level: commune A's principals and commune B's (or the province's) objects

    @Test
    void unitsOutsideTheScopeAreInvisible() throws Exception {
        expect(officerA.get("/api/v1/units/" + communeB), 404);
        expect(officerA.get("/api/v1/units/" + province), 404);
        expect(officerA.get("/api/v1/units/" + policeA), 200);
        expect(officerA.get("/api/v1/units?ancestorId=" + province), 403);
        expect(officerA.get("/api/v1/units?parentId=" + province), 403);
        expect(officerA.get("/api/v1/units?parentId=" + communeB), 403);

        assertThat(ids(officerA.get("/api/v1/units"))).containsExactlyInAnyOrder(communeA, policeA);
        assertThat(ids(officerA.get("/api/v1/units?q=" + encode("bình")))).as("both communes are named Bình")
                .containsExactlyInAnyOrder(communeA, policeA);
        assertThat(ids(admin.get("/api/v1/units?q=" + encode("bình")))).contains(communeA, communeB);
    }

    @Test
    void membersOutsideTheScopeAreInvisible() throws Exception {
        expect(officerA.get("/api/v1/units/" + communeB + "/members"), 404);
        expect(officerA.get("/api/v1/units/" + communeB + "/members/" + memberB), 404);
        expect(officerA.post("/api/v1/units/" + communeB + "/members", member()), 403, 404);
        assertThat(ids(officerA.get("/api/v1/units/" + communeA + "/members"))).containsExactly(memberA);
    }

    @Test
    void aMembersRightsFollowRolesScopeAndThePermission() throws Exception {
        String consent = "{\"basis\":\"LEGAL_OBLIGATION\",\"givenOn\":\"2025-08-01\"}";
        String ofA = "/api/v1/units/" + communeA + "/members/" + memberA;
        String ofB = "/api/v1/units/" + communeB + "/members/" + memberB;
        expect(put(viewerA, ofA + "/consent", consent), 403);
        expect(viewerA.send(viewerA.authorized(ofA + "/consent").DELETE()), 403);
        expect(put(officerA, ofB + "/consent", consent), 404);
        expect(put(officerA, ofA + "/consent", consent.replace("}", ",\"recordedBy\":\"someone\"}")), 400);
        // erasure and export handle the personal data itself: pii:read, which none of these clients holds
        expect(officerA.postRaw(ofA + "/erasure", "{\"reason\":\"abuse test\"}"), 403);
        expect(officerA.send(officerA.authorized(ofA + "/personal-data").header("X-Purpose", "kiem-tra").GET()), 403);
        expect(partnerA.postRaw(ofA + "/erasure", "{\"reason\":\"abuse test\"}"), 403);
        expect(put(officerA, ofA + "/consent", consent), 200);
        JsonNode member = Gateway.json(expect(officerA.get(ofA), 200));
        assertThat(member.path("phone").asString()).as("nothing erased").isEqualTo(PHONE_MASKED);
        assertThat(member.path("consent").path("basis").asString()).isEqualTo("LEGAL_OBLIGATION");
    }

    @Test
    void programsOfAnotherCommuneAreInvisibleWhileTheProvincesOneIsShared() throws Exception {
        expect(officerA.get("/api/v1/programs/" + programB), 404);
        expect(officerA.get("/api/v1/programs/" + program), 200);
        assertThat(ids(officerA.get("/api/v1/programs"))).contains(program).doesNotContain(programB);
        assertThat(ids(officerB.get("/api/v1/programs"))).contains(program, programB);
    }

    @Test
    void activitiesOutsideTheScopeAreInvisibleAndUntouchable() throws Exception {
        expect(officerA.get("/api/v1/activities/" + activityB), 404);
        expect(officerA.get("/api/v1/activities/" + activityB + "/revisions"), 404);
        expect(officerA.post("/api/v1/activities/" + activityB + "/corrections",
                Map.of("metrics", Map.of("sessions", 50), "reason", "thử")), 404);
        expect(officerA.get("/api/v1/activities?unitId=" + province), 403);
        expect(officerA.get("/api/v1/activities?unitId=" + communeB), 403);
        expect(officerA.post("/api/v1/activities", activity(program, communeB, 1)), 403, 404);

        assertThat(ids(officerA.get("/api/v1/activities?programId=" + program))).contains(activityA)
                .doesNotContain(activityB);
        assertThat(ids(admin.get("/api/v1/activities?programId=" + program))).contains(activityA, activityB);
    }

    @Test
    void progressAndItsExportsCoverOnlyTheCallersSubtree() throws Exception {
        String progress = "/api/v1/programs/" + program + "/progress";
        expect(officerA.get(progress + "?unitId=" + communeB), 403);
        expect(officerA.get(progress + "?unitId=" + province), 403);
        expect(csv(officerA, progress + "?unitId=" + communeB), 403);
        expect(officerA.get(progress + ".xlsx?unitId=" + communeB), 403);
        expect(partnerA.get(progress + "?unitId=" + province), 403);

        // other tests may log more in A meanwhile: A's figure is what the national admin reads for A, never the province's
        double ofA = sessions(Gateway.json(expect(admin.get(progress + "?unitId=" + communeA), 200)));
        double ofProvince = sessions(Gateway.json(expect(admin.get(progress + "?unitId=" + province), 200)));
        assertThat(ofA).isLessThan(ofProvince);
        assertThat(sessions(Gateway.json(expect(officerA.get(progress), 200)))).as("A's own figure, by default")
                .isEqualTo(ofA);
        assertThat(csv(officerA, progress).body()).doesNotContain(communeB);
        assertThat(sessions(Gateway.json(expect(partnerA.get(progress + "?unitId=" + communeA), 200)))).isEqualTo(ofA);
    }

    @Test
    void reviewsOfAnotherCommuneAreInvisible() throws Exception {
        expect(officerA.get("/api/v1/programs/" + program + "/reviews/" + reviewB), 404);
        expect(officerA.get("/api/v1/programs/" + program + "/reviews/" + reviewA), 200);
        assertThat(ids(officerA.get("/api/v1/programs/" + program + "/reviews"))).contains(reviewA).doesNotContain(reviewB);
        expect(officerA.get("/api/v1/programs/" + program + "/reviews/" + reviewB + ".xlsx"), 404);
    }

    @Test
    void theAuditIsForAdminsOnly() throws Exception {
        for (String service : List.of("units", "programs", "auth")) {
            expect(officerA.get("/api/v1/audit?service=" + service), 403);
            expect(partnerA.get("/api/v1/audit?service=" + service), 403);
            expect(viewerA.get("/api/v1/audit?service=" + service), 403);
        }
        JsonNode entries = Gateway.json(expect(admin.get("/api/v1/audit?service=units&limit=500"), 200));
        assertThat(entries.path("items").size()).as("the writes of the set-up were audited").isPositive();
        expect(admin.send(admin.authorized("/api/v1/audit?service=units").DELETE()), 403, 404, 405);
    }

    @Test
    void theStreamCarriesOnlyTheCallersEvents() throws Exception {
        try (EventStream refused = EventStream.open(officerA, "unitId=" + communeB)) {
            assertThat(refused.status()).isEqualTo(403);
        }
        try (EventStream mine = EventStream.open(officerA)) {
            assertThat(mine.status()).isEqualTo(200);
            String inB = id(retried(officerB, "/api/v1/activities", activity(program, communeB, 1)), 201);
            String inA = id(retried(officerA, "/api/v1/activities", activity(program, communeA, 1)), 201);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.events.stream().noneMatch(e -> e.data().contains(inA)) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(mine.events).as("A's activity arrives").anyMatch(e -> e.data().contains(inA));
            assertThat(mine.events).as("nothing of B's").noneMatch(e -> e.data().contains(inB) || e.data().contains(communeB));
        }
    }

    // ---- function level

    @Test
    void rolesWithoutTheRightAreRefused() throws Exception {
        expect(viewerA.post("/api/v1/units", unit("V-" + UUID.randomUUID().toString().substring(0, 6), "Tổ mới",
                "SECURITY_TEAM", communeA)), 403);
        expect(viewerA.post("/api/v1/activities", activity(program, communeA, 1)), 403);
        expect(officerA.post("/api/v1/programs", programBody("NO-" + UUID.randomUUID().toString().substring(0, 6),
                communeA)), 403);
        expect(officerA.post("/api/v1/clients", Map.of("name", "mine", "roles", List.of("ADMIN"),
                "unitId", communeA, "agency", "POLICE")), 403);
        expect(partnerA.get("/api/v1/units/" + communeA + "/members"), 403);
        expect(officerA.post("/api/v1/programs/progress/rebuild", null), 403);
    }

    // ---- property level

    @Test
    void serverOwnedAndUnknownFieldsAreRefused() throws Exception {
        var withAncestors = new LinkedHashMap<>(unit("X-" + UUID.randomUUID().toString().substring(0, 6), "Tổ X",
                "SECURITY_TEAM", communeA));
        withAncestors.put("ancestorIds", List.of(communeB));
        expect(officerA.post("/api/v1/units", withAncestors), 400);
        for (var owned : List.of(Map.entry("status", (Object) "CONFIRMED"), Map.entry("revision", (Object) 9),
                Map.entry("createdBy", (Object) "admin"), Map.entry("isAdmin", (Object) true))) {
            var body = new LinkedHashMap<>(activity(program, communeA, 1));
            body.put(owned.getKey(), owned.getValue());
            expect(officerA.post("/api/v1/activities", body), 400);
        }
        var activeFromTheStart = new LinkedHashMap<>(programBody("ST-" + UUID.randomUUID().toString().substring(0, 6),
                province));
        activeFromTheStart.put("status", "ACTIVE");
        expect(admin.post("/api/v1/programs", activeFromTheStart), 400);
    }

    @Test
    void personalDataIsMaskedWithoutThePermission() throws Exception {
        JsonNode members = Gateway.json(expect(officerA.send(officerA.authorized("/api/v1/units/" + communeA + "/members")
                .header("X-Purpose", "kiem-tra").GET()), 200));
        JsonNode member = members.path("items").get(0);
        assertThat(member.path("phone").asString()).isEqualTo(PHONE_MASKED);
        assertThat(member.path("nationalId").asString()).isEqualTo(NATIONAL_ID_MASKED);
    }

    // ---- tokens and headers

    @Test
    void forgedTokensAreRefused() throws Exception {
        String genuine = officerA.token;
        String[] parts = genuine.split("\\.");
        JsonNode claims = Gateway.JSON.readTree(Jwts.decode(parts[1]));
        var widened = Jwts.withClaim(claims, "unitId", province);

        var forgeries = new LinkedHashMap<String, String>();
        forgeries.put("alg none", Jwts.unsigned(claims));
        forgeries.put("tampered payload", parts[0] + "." + Jwts.encode(widened) + "." + parts[2]);
        forgeries.put("HS256 keyed with the public key", Jwts.hs256(widened, admin.get("/oauth2/jwks").body()));
        forgeries.put("another key", Jwts.rs256WithAFreshKey(widened, Jwts.header(parts[0]).path("kid").asString()));
        forgeries.put("truncated signature", genuine.substring(0, genuine.length() - 5));
        for (var forgery : forgeries.entrySet()) {
            var response = officerA.as(forgery.getValue()).get("/api/v1/units/" + province);
            assertThat(response.statusCode()).as(forgery.getKey() + ": " + Gateway.describe(response)).isEqualTo(401);
        }
    }

    @Test
    void spoofedIdentityHeadersChangeNothing() throws Exception {
        HttpRequest.Builder spoofed = officerA.authorized("/api/v1/units/" + communeB)
                .header("X-User-Id", "admin").header("X-User-Roles", "ADMIN").header("X-Scope-Unit", province)
                .header("X-Forwarded-For", "127.0.0.1").header("X-Forwarded-User", "admin")
                .header("Forwarded", "for=127.0.0.1;by=gateway").GET();
        expect(officerA.send(spoofed), 404);
        expect(officerA.send(officerA.authorized("/api/v1/audit?service=units").header("X-User-Roles", "ADMIN")
                .header("X-Scope-Unit", "").GET()), 403);
    }

    // ---- injection

    @Test
    void operatorsAndMetacharactersAreRefusedOrTakenLiterally() throws Exception {
        String code = "INJ-" + UUID.randomUUID().toString().substring(0, 6);
        expect(officerA.postRaw("/api/v1/units", """
                {"code": "%s", "name": {"$ne": null}, "kind": "SECURITY_TEAM", "parentId": "%s"}"""
                .formatted(code, communeA)), 400);
        expect(officerA.postRaw("/api/v1/units", """
                {"code": "%s", "name": "Tổ", "kind": "SECURITY_TEAM", "parentId": {"$where": "sleep(1000)"}}"""
                .formatted(code)), 400);
        for (String metrics : List.of("{\"$where\": 1}", "{\"sessions.x\": 1}", "{\"sessions\": {\"$gt\": 0}}")) {
            expect(officerA.postRaw("/api/v1/activities", Gateway.JSON.writeValueAsString(activity(program, communeA, 1))
                    .replace("{\"sessions\":1}", metrics)), 400);
        }
        expect(officerA.get("/api/v1/units?parentId=" + encode("{\"$ne\":null}")), 400);
        expect(officerA.get("/api/v1/activities?unitId=" + encode("{\"$ne\":null}")), 400);
        for (String q : List.of(".*", "^X", "(", "\\", "[a-z]+", "$where")) {
            assertThat(ids(officerA.get("/api/v1/units?q=" + encode(q)))).as("q=" + q + " read as text")
                    .isSubsetOf(communeA, policeA);
            assertThat(ids(officerA.get("/api/v1/programs?q=" + encode(q)))).as("q=" + q).doesNotContain(programB);
        }
    }

    // ---- consumption

    /**
     * A client that writes its whole body before reading (Python's http.client, many SDKs) gets every early answer,
     * from the gateway and from a service behind it or called directly, instead of a reset: both read and discard
     * the unread rest of the body before they close (docs/gateway.md#early-answers).
     */
    @Test
    void earlyAnswersReachClientsThatWriteTheirWholeBodyFirst() throws Exception {
        int gateway = Integer.parseInt(phoihop.env.get("GATEWAY_PORT"));
        for (long size : List.of(2_000_000L, 10_000_000L)) {
            for (int i = 0; i < 3; i++) {
                expectEarly(WholeBodyFirstClient.post(gateway, "/api/v1/activities", "application/json", size,
                        officerA.token), 413);
                expectEarly(WholeBodyFirstClient.post(gateway, "/api/v1/activities", "application/json", size, null), 401);
                expectEarly(WholeBodyFirstClient.post(gateway, "/api/v1/activities", "text/plain", size,
                        officerA.token), 415);
                expectEarly(WholeBodyFirstClient.post(gateway, "/api/v1/units/import", "text/csv", size,
                        officerA.token), 403); // unit-service refuses an officer's import before it reads the file
            }
        }
        var services = Map.of("UNIT_SERVICE_PORT", "/api/v1/units", "PROGRAM_SERVICE_PORT", "/api/v1/programs",
                "AUTH_SERVER_PORT", "/api/v1/clients");
        for (var service : services.entrySet()) {
            int port = Integer.parseInt(phoihop.env.get(service.getKey()));
            expectEarly(WholeBodyFirstClient.post(port, service.getValue(), "application/json", 10_000_000L, null), 413);
            expectEarly(WholeBodyFirstClient.post(port, service.getValue(), "text/csv", 10_000_000L, null), 401);
        }
    }

    private static void expectEarly(vn.phoihop.testsupport.RawHttp.Response answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status);
    }

    @Test
    void oversizedBodiesHugeLimitsAndFloodsAreRefused() throws Exception {
        var huge = new LinkedHashMap<>(activity(program, communeA, 1));
        huge.put("description", "x".repeat(2 * 1024 * 1024));
        expect(officerA.post("/api/v1/activities", huge), 413);
        for (String list : List.of("/api/v1/units", "/api/v1/activities", "/api/v1/programs",
                "/api/v1/programs/" + program + "/reviews", "/api/v1/units/" + communeA + "/members")) {
            expect(officerA.get(list + "?limit=100000"), 400);
        }

        var statuses = new ArrayList<HttpResponse<String>>();
        for (int i = 0; i < 50; i++) {
            statuses.add(partnerA.get("/api/v1/units/" + communeA));
        }
        var limited = statuses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).as("50 rapid requests over the partner's rate").isNotEmpty();
        assertThat(limited.get(0).headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(limited.get(0).headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        expect(officerA.get("/api/v1/units/" + communeA), 200); // another client is not held back
    }

    // ---- co-signing after correction, range and size bounds

    private static String communeC;
    private static String policeC;
    private static String frontC;
    private static Gateway policeOfficerC;
    private static Gateway frontOfficerOfTheProvince;

    @Test
    void aFrontCorrectionOfAPoliceActivityCountsOnlyOnceThePoliceConfirmIt() throws Exception {
        coSigners();
        var joint = new LinkedHashMap<>(activity(program, policeC, 1));
        joint.put("coUnitIds", List.of(frontC));
        String id = id(retried(policeOfficerC, "/api/v1/activities", joint), 201);
        String activity = "/api/v1/activities/" + id;

        JsonNode corrected = Gateway.json(expect(frontOfficerOfTheProvince.post(activity + "/corrections",
                Map.of("metrics", Map.of("sessions", 100), "reason", "bổ sung", "expectedRevision", 1)), 201));
        assertThat(corrected.path("counts").asBoolean()).isFalse();
        JsonNode frontConfirmed = Gateway.json(expect(frontOfficerOfTheProvince.post(activity + "/confirm",
                Map.of("expectedRevision", 2)), 200));
        assertThat(frontConfirmed.path("counts").asBoolean()).as("the police never agreed to 100").isFalse();
        assertThat(sessionsOf(communeC)).as("progress unchanged").isZero();

        expect(policeOfficerC.post(activity + "/confirm", Map.of("expectedRevision", 1)), 409); // a stale revision
        JsonNode policeConfirmed = Gateway.json(expect(policeOfficerC.post(activity + "/confirm",
                Map.of("expectedRevision", 2)), 200));
        assertThat(policeConfirmed.path("status").asString()).isEqualTo("CONFIRMED");
        awaitSessionsOf(communeC, 100);
    }

    @Test
    void hugeRangesAndFarDatesAreA400AtOnceAndProgramServiceStaysHealthy() throws Exception {
        String progress = "/api/v1/programs/" + program + "/progress";
        String huge = "?unitId=" + communeA + "&from=-999999999-01-01&to=%2B999999999-12-31";
        for (var request : List.of(officerA.authorized(progress + huge).GET(),
                officerA.authorized(progress + huge).header("Accept", "text/csv").GET(),
                officerA.authorized(progress + ".xlsx" + huge).GET(),
                officerA.authorized(progress + "?from=-9999-01-01&to=9999-12-31").GET())) {
            long started = System.nanoTime();
            HttpResponse<String> answer = expect(officerA.send(request), 400);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(Gateway.describe(answer))
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(answer.body()).contains("\"from\"");
        }
        var health = admin.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                + phoihop.env.get("PROGRAM_SERVICE_PORT") + "/actuator/health")).GET());
        assertThat(health.body()).as("program-service after the huge ranges").contains("\"UP\"");
        expect(officerA.get(progress), 200);

        var farFuture = new LinkedHashMap<>(activity(program, communeA, 1));
        farFuture.put("occurredOn", "+10000-01-01");
        assertThat(expect(officerA.post("/api/v1/activities", farFuture), 400).body()).contains("occurredOn");
        expect(officerA.get("/api/v1/activities?from=-999999999-01-01&to=%2B999999999-12-31"), 400);
        expect(officerA.get("/api/v1/units?asOf=%2B999999999-12-31"), 400);
        var ancient = new LinkedHashMap<>(programBody("OLD-" + UUID.randomUUID().toString().substring(0, 6), province));
        ancient.put("startsOn", "0001-01-01");
        assertThat(expect(admin.post("/api/v1/programs", ancient), 400).body()).contains("startsOn");
    }

    @Test
    void endlessListsAreOneShortRefusal() throws Exception {
        String types = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "activity.teleported" + i + ".v1")
                .collect(java.util.stream.Collectors.joining(","));
        try (EventStream refused = EventStream.open(officerA, "types=" + types)) {
            assertThat(refused.status()).isEqualTo(400);
        }
        var manyTypes = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "activity.teleported" + i + ".v1")
                .toList();
        HttpResponse<String> webhook = expect(admin.post("/api/v1/webhooks", Map.of("url",
                "https://partner.example/hooks", "eventTypes", manyTypes)), 400);
        assertThat(webhook.body().length()).isLessThan(10_000);
        HttpResponse<String> client = expect(admin.post("/api/v1/clients", Map.of("name", "many roles",
                "roles", java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "EMPEROR" + i).toList(), "unitId", communeA, "agency", "POLICE")), 400);
        assertThat(client.body().length()).isLessThan(10_000);
    }

    /** Commune C of the province, with its police and Front committee; C's police officer and the province's Front. */
    private static synchronized void coSigners() throws Exception {
        if (communeC != null) {
            return;
        }
        String run = UUID.randomUUID().toString().substring(0, 6);
        communeC = id(admin.post("/api/v1/units", unit("C-" + run, "Xã Cửu Long", "COMMUNE", province)), 201);
        policeC = id(admin.post("/api/v1/units", unit("CAC-" + run, "Công an xã Cửu Long", "POLICE_UNIT", communeC)), 201);
        frontC = id(admin.post("/api/v1/units", unit("MTC-" + run, "Ủy ban MTTQ xã Cửu Long", "FRONT_COMMITTEE",
                communeC)), 201);
        policeOfficerC = client("UNIT_OFFICER", policeC, "POLICE");
        frontOfficerOfTheProvince = client("UNIT_OFFICER", province, "FRONT");
    }

    private static double sessionsOf(String unitId) throws Exception {
        return sessions(Gateway.json(expect(admin.get("/api/v1/programs/" + program + "/progress?unitId=" + unitId), 200)));
    }

    private static void awaitSessionsOf(String unitId, double expected) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(sessionsOf(unitId)).as("sessions of " + unitId).isEqualTo(expected));
    }

    // ---- identity namespaces, delegation bounds and token lifetimes

    @Test
    void aPersonIsNeverTakenForAClient() throws Exception {
        for (String taken : List.of("ADMIN", "admin", "Dashboard")) {
            JsonNode refused = Gateway.json(expect(admin.post("/api/v1/users", person(taken, "PARTNER", communeA, "OTHER")), 409));
            assertThat(refused.path("detail").asString()).as(taken).contains("client");
        }
        String username = "doi.tac." + UUID.randomUUID().toString().substring(0, 6);
        JsonNode user = Gateway.json(expect(admin.post("/api/v1/users", person(username, "PARTNER", communeA, "OTHER")), 201));
        clientSecrets.add(user.path("password").asString());

        String token = signIn(username, user.path("password").asString());

        assertThat(claims(token).path("sub").asString()).isEqualTo("user:" + username);
        assertThat(claims(admin.token).path("sub").asString()).isEqualTo("admin");
        expect(admin.as(token).get("/api/v1/units/" + communeA), 200);
        expect(admin.as(token).get("/api/v1/units/" + communeB), 404);
    }

    @Test
    void aCommunesAdministratorGrantsAndSeesNothingBeyondItsCommune() throws Exception {
        Gateway adminOfA = account(admin, "/api/v1/clients", grant("ADMIN", communeA, "POLICE", false));
        // inside its commune it may, once auth-server has learnt the units from the units topic
        Gateway officer = account(adminOfA, "/api/v1/clients", grant("UNIT_OFFICER", policeA, "POLICE", false));
        expect(officer.get("/api/v1/units/" + policeA), 200);
        expect(officer.get("/api/v1/units/" + communeB + "/members"), 404);

        // the case: the province, role ADMIN and pii:read
        assertThat(refusedFields(adminOfA.post("/api/v1/clients", grant("ADMIN", province, "POLICE", true))))
                .containsExactlyInAnyOrder("unitId", "permissions[0]");
        assertThat(refusedFields(adminOfA.post("/api/v1/clients", grant("UNIT_OFFICER", communeB, "POLICE", false))))
                .containsExactly("unitId");
        assertThat(refusedFields(adminOfA.post("/api/v1/clients", grant("UNIT_OFFICER", policeA, "FRONT", false))))
                .containsExactly("agency");
        assertThat(refusedFields(adminOfA.post("/api/v1/users", person("x." + UUID.randomUUID().toString().substring(0, 6),
                "VIEWER", province, "POLICE")))).containsExactly("unitId");

        JsonNode mine = Gateway.json(expect(adminOfA.get("/api/v1/clients?limit=500"), 200)).path("items");
        assertThat(mine.findValuesAsString("unitId")).isNotEmpty().allSatisfy(
                unit -> assertThat(unit).isIn(communeA, policeA));
        String ofB = StreamSupport.stream(Gateway.json(expect(admin.get("/api/v1/clients?limit=500"), 200))
                .path("items").spliterator(), false).filter(c -> communeB.equals(c.path("unitId").asString()))
                .map(c -> c.path("clientId").asString()).findFirst().orElseThrow();
        expect(adminOfA.get("/api/v1/clients/" + ofB), 404);
        expect(adminOfA.send(adminOfA.authorized("/api/v1/clients/" + ofB).DELETE()), 404);
        expect(admin.get("/api/v1/clients/" + ofB), 200);

        expect(adminOfA.get("/api/v1/keys"), 403);
        expect(adminOfA.post("/api/v1/keys/rotate", null), 403);
    }

    @Test
    void tokensSignedWithTheServersKeyMustSayWhenTheyExpireAndLiveAtMostAnHour() throws Exception {
        ObjectNode genuine = (ObjectNode) claims(officerA.token);
        long now = System.currentTimeMillis() / 1000;
        var direct = new LinkedHashMap<String, String>();
        direct.put("/api/v1/units/" + communeA, phoihop.env.get("UNIT_SERVICE_PORT"));
        direct.put("/api/v1/programs/" + program, phoihop.env.get("PROGRAM_SERVICE_PORT"));
        direct.put("/api/v1/clients", phoihop.env.get("AUTH_SERVER_PORT")); // an officer's valid token: 403 there

        String control = serverSigned(genuine.deepCopy().put("iat", now).put("exp", now + 900));
        expect(officerA.as(control).get("/api/v1/units/" + communeA), 200);
        for (var path : direct.entrySet()) {
            expect(new Gateway("http://localhost:" + path.getValue()).as(control).get(path.getKey()), 200, 403);
        }
        var unbounded = new LinkedHashMap<String, JsonNode>();
        unbounded.put("no exp", genuine.deepCopy().put("iat", now).without("exp"));
        unbounded.put("no iat", genuine.deepCopy().put("exp", now + 900).without("iat"));
        unbounded.put("ten years", genuine.deepCopy().put("iat", now).put("exp", now + 10L * 365 * 86_400));
        unbounded.put("issued tomorrow", genuine.deepCopy().put("iat", now + 86_400).put("exp", now + 86_400 + 900));
        for (var forged : unbounded.entrySet()) {
            String token = serverSigned(forged.getValue());
            assertThat(officerA.as(token).get("/api/v1/units/" + communeA).statusCode()).as(forged.getKey()).isEqualTo(401);
            for (var path : direct.entrySet()) {
                var response = new Gateway("http://localhost:" + path.getValue()).as(token).get(path.getKey());
                assertThat(response.statusCode()).as(forged.getKey() + " " + Gateway.describe(response)).isEqualTo(401);
            }
        }
    }

    @Test
    void namesThatWouldDisplayAsSomethingElseAreRefusedNamingTheField() throws Exception {
        String reversed = "X\u00e3 \u202EhniB nA"; // shows as "Xã An Binh"
        String isolated = "\u2067L\u00ea Th\u1ecb B\u2069";
        String run = UUID.randomUUID().toString().substring(0, 6);
        assertThat(badField(admin.post("/api/v1/clients", Map.of("name", reversed, "roles", List.of("VIEWER"),
                "unitId", communeA, "agency", "OTHER")))).isEqualTo("name");
        var user = new LinkedHashMap<>(person("ten." + run, "VIEWER", communeA, "OTHER"));
        user.put("displayName", isolated);
        assertThat(badField(admin.post("/api/v1/users", user))).isEqualTo("displayName");
        assertThat(badField(admin.post("/api/v1/units", unit("RLO-" + run, reversed, "COMMUNE", province)))).isEqualTo("name");
        assertThat(badField(admin.send(admin.authorized("/api/v1/units/" + communeA).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Gateway.JSON.writeValueAsString(Map.of("name", reversed)))))))
                .isEqualTo("name");
        var withName = new LinkedHashMap<>(member());
        withName.put("fullName", isolated);
        assertThat(badField(admin.post("/api/v1/units/" + communeA + "/members", withName))).isEqualTo("fullName");
        var titled = new LinkedHashMap<>(programBody("RLO-" + run, province));
        titled.put("title", reversed);
        assertThat(badField(admin.post("/api/v1/programs", titled))).isEqualTo("title");
        assertThat(badField(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", "rlo", "name", reversed,
                "unitOfMeasure", "buổi", "aggregation", "SUM")))).isEqualTo("name");
        var logged = new LinkedHashMap<>(activity(program, communeA, 1));
        logged.put("title", reversed);
        assertThat(badField(officerA.post("/api/v1/activities", logged))).isEqualTo("title");
        var reviewed = new LinkedHashMap<>(review(communeA));
        reviewed.put("title", reversed);
        assertThat(badField(admin.post("/api/v1/programs/" + program + "/reviews", reviewed))).isEqualTo("title");
        assertThat(badField(admin.post("/api/v1/programs/" + program + "/reviews/" + reviewA + "/awards", Map.of(
                "recipientType", "INDIVIDUAL", "recipientName", isolated, "form", "COMMENDATION", "issuedBy", "UBND xã"))))
                .isEqualTo("recipientName");

        var imported = Gateway.json(expect(admin.send(admin.authorized("/api/v1/units/import?parentId=" + province)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(
                        "code,name,level,parent_code\nRLO-" + run + "," + reversed + ",commune,\n"))), 200));
        assertThat(imported.path("created").asInt()).isZero();
        assertThat(imported.path("errors").get(0).path("message").asString()).contains("U+202E");
    }

    /** A client or user made by {@code grantor}, retried while auth-server has not learnt the unit yet; its caller. */
    private static Gateway account(Gateway grantor, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = org.awaitility.Awaitility.await("auth-server knows unit " + body.get("unitId"))
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> grantor.post(path, body), r -> r.statusCode() != 403);
        JsonNode created = Gateway.json(expect(response, 201));
        clientSecrets.add(created.path("clientSecret").asString());
        return admin.as(token(created.path("clientId").asString(), created.path("clientSecret").asString()));
    }

    private static Map<String, Object> grant(String role, String unitId, String agency, boolean piiRead) {
        return Map.of("name", role + "-" + UUID.randomUUID().toString().substring(0, 8), "roles", List.of(role),
                "unitId", unitId, "agency", agency, "permissions", piiRead ? List.of("pii:read") : List.of());
    }

    private static Map<String, Object> person(String username, String role, String unitId, String agency) {
        return Map.of("username", username, "displayName", "Cán bộ thử", "roles", List.of(role), "unitId", unitId,
                "agency", agency);
    }

    private static List<String> refusedFields(HttpResponse<String> response) {
        return Gateway.json(expect(response, 403)).path("errors").findValuesAsString("field");
    }

    private static String badField(HttpResponse<String> response) {
        JsonNode errors = Gateway.json(expect(response, 400)).path("errors");
        assertThat(errors.size()).as(Gateway.describe(response)).isEqualTo(1);
        assertThat(errors.get(0).path("message").asString()).contains("U+");
        return errors.get(0).path("field").asString();
    }

    private static JsonNode claims(String token) {
        return Gateway.JSON.readTree(Jwts.decode(token.split("\\.")[1]));
    }

    /** A person's sign-in through the gateway, as a dashboard drives a browser: authorization code with PKCE. */
    private static String signIn(String username, String password) throws Exception {
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:8080/dashboard/callback";
        var toSignIn = browse(browser, HttpRequest.newBuilder(admin.uri("/oauth2/authorize?response_type=code"
                + "&client_id=dashboard&state=e2e&code_challenge_method=S256&code_challenge=" + challenge
                + "&redirect_uri=" + encode(redirect))).GET());
        var page = browse(browser, HttpRequest.newBuilder(admin.uri(location(toSignIn))).GET());
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        var signedIn = browse(browser, HttpRequest.newBuilder(admin.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1)))));
        String withCode = location(browse(browser, HttpRequest.newBuilder(admin.uri(location(signedIn))).GET()));
        var code = java.util.regex.Pattern.compile("[?&]code=([^&]+)").matcher(withCode);
        assertThat(code.find()).as(withCode).isTrue();
        var token = browse(browser, HttpRequest.newBuilder(admin.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=authorization_code&client_id=dashboard&code=" + code.group(1) + "&redirect_uri="
                                + encode(redirect) + "&code_verifier=" + verifier)));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return Gateway.json(token).path("access_token").asString();
    }

    private static HttpResponse<String> browse(HttpClient browser, HttpRequest.Builder request) throws Exception {
        return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        return redirect.headers().firstValue("Location").orElseThrow();
    }

    /**
     * Signs {@code claims} with the server's active key, as only an insider could: read from the system's database
     * and decrypted with the key-encryption secret in its data directory.
     */
    private static String serverSigned(JsonNode claims) throws Exception {
        org.bson.Document key;
        try (var mongo = com.mongodb.client.MongoClients.create("mongodb://localhost:" + phoihop.env.get("MONGODB_PORT"))) {
            key = mongo.getDatabase("auth").getCollection("keys").find(com.mongodb.client.model.Filters.eq("retireAt", null))
                    .sort(com.mongodb.client.model.Sorts.descending("createdAt")).first();
        }
        String secret = java.nio.file.Files.readString(phoihop.data.resolve("key-encryption-secret")).trim();
        org.bson.Document sealed = key.get("privateKey", org.bson.Document.class);
        JsonNode jwk = Gateway.JSON.readTree(new String(org.springframework.security.crypto.encrypt.Encryptors
                .stronger(secret, sealed.getString("salt")).decrypt(Base64.getDecoder().decode(sealed.getString("data"))),
                StandardCharsets.UTF_8));
        var rsa = java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.RSAPrivateCrtKeySpec(
                big(jwk, "n"), big(jwk, "e"), big(jwk, "d"), big(jwk, "p"), big(jwk, "q"), big(jwk, "dp"), big(jwk, "dq"),
                big(jwk, "qi")));
        String signed = Jwts.encode(Gateway.JSON.createObjectNode().put("alg", "RS256").put("kid", key.getString("_id")))
                + "." + Jwts.encode(claims);
        var signature = java.security.Signature.getInstance("SHA256withRSA");
        signature.initSign(rsa);
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static java.math.BigInteger big(JsonNode jwk, String field) {
        return new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(field).asString()));
    }

    // ---- numeric bounds and exact sums

    @Test
    void figuresProgressCannotAddUpExactlyAreRefusedEverywhere() throws Exception {
        String progress = "/api/v1/programs/" + program + "/progress?unitId=" + communeA;
        for (String figure : List.of("1.7e308", "1e309", "1000000000.001", "0.0001", "-0.001", "\"Infinity\"")) {
            String body = Gateway.JSON.writeValueAsString(activity(program, communeA, 1)).replace("{\"sessions\":1}",
                    "{\"sessions\":" + figure + "}");
            var refused = expect(officerA.postRaw("/api/v1/activities", body), 400);
            if (!figure.startsWith("\"")) {
                assertThat(Gateway.json(refused).path("errors").get(0).path("field").asString()).as(figure)
                        .isEqualTo("metrics.sessions");
            }
            JsonNode batch = Gateway.json(expect(officerA.postRaw("/api/v1/activities/batch", "[" + body + "]"), 200));
            assertThat(batch.path("results").get(0).path("status").asInt()).as(figure).isEqualTo(400);
            expect(officerA.postRaw("/api/v1/activities/" + activityA + "/corrections",
                    "{\"metrics\":{\"sessions\":" + figure + "},\"reason\":\"thử\"}"), 400);
        }
        expect(officerA.postRaw("/api/v1/activities", Gateway.JSON.writeValueAsString(activity(program, communeA, 1))
                .replace("{\"sessions\":1}", "{\"sessions\":Infinity}")), 400);
        expect(admin.post("/api/v1/programs/" + program + "/targets", Map.of("indicatorCode", "sessions", "unitId",
                communeA, "periodStart", YESTERDAY.toString(), "periodEnd", YESTERDAY.toString(), "value", 1e300)), 400);
        assertThat(Gateway.json(expect(officerA.get("/api/v1/activities/" + activityA), 200)).path("revision").asInt())
                .as("no correction went through").isEqualTo(1);
        assertThat(expect(admin.get(progress), 200).body()).doesNotContain("Infinity", "NaN");
        assertThat(sessions(Gateway.json(expect(admin.get(progress), 200)))).as("none of them counted").isLessThan(1000);
        assertThat(expect(csv(admin, progress), 200).body()).doesNotContain("Infinity", "E+");
    }

    @Test
    void decimalFiguresAddUpExactlyInProgressAndItsExports() throws Exception {
        String exact = activeProgram("ABUSE-X-" + UUID.randomUUID().toString().substring(0, 6), province);
        expect(retried(officerA, "/api/v1/activities", activity(exact, communeA, 1)), 201); // once unit-service knows it
        var tenths = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 10; i++) {
            tenths.add(activity(exact, communeA, 0));
        }
        String batch = Gateway.JSON.writeValueAsString(tenths).replace("{\"sessions\":0}", "{\"sessions\":0.1}");
        JsonNode results = Gateway.json(expect(officerA.postRaw("/api/v1/activities/batch", batch), 200)).path("results");
        results.forEach(r -> assertThat(r.path("status").asInt()).as(r.toString()).isEqualTo(201));
        for (String figure : List.of("1e9", "0.001", "1.50")) {
            expect(officerA.postRaw("/api/v1/activities", Gateway.JSON.writeValueAsString(activity(exact, communeA, 1))
                    .replace("{\"sessions\":1}", "{\"sessions\":" + figure + "}")), 201);
        }
        String progress = "/api/v1/programs/" + exact + "/progress?unitId=" + communeA;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!expect(officerA.get(progress), 200).body().contains("\"actual\":1000000003.501,")
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(expect(officerA.get(progress), 200).body()).as("1 + 10 × 0.1 + 1e9 + 0.001 + 1.5, exactly")
                .contains("\"actual\":1000000003.501,");
        assertThat(expect(csv(officerA, progress), 200).body()).contains(",1000000003.501,");
        expect(officerA.get("/api/v1/programs/" + exact + "/progress.xlsx?unitId=" + communeA), 200);
    }

    @Test
    void anActivityEventSetAsideIsListedAndReplayedByAdminsOnly() throws Exception {
        String deadLetters = "/api/v1/programs/progress/dead-letters";
        expect(officerA.get(deadLetters), 403);
        expect(officerA.post(deadLetters + "/replay", null), 403);
        expect(partnerA.get(deadLetters), 403);
        assertThat(Gateway.json(expect(admin.get(deadLetters), 200)).path("pending").isNumber()).isTrue();

        // an event an older producer could have written: a figure of an indicator the program does not have yet
        String later = activeProgram("ABUSE-D-" + UUID.randomUUID().toString().substring(0, 6), province);
        String activity = UUID.randomUUID().toString();
        String eventId = "evt-" + activity;
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
                Map.<String, Object>of("bootstrap.servers", "localhost:" + phoihop.env.get("KAFKA_PORT")),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("activities", activity,
                    activityEvent(eventId, later, activity, "{\"households\":4,\"sessions\":1}"))).get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!expect(admin.get(deadLetters + "?limit=500"), 200).body().contains(eventId) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(expect(admin.get(deadLetters + "?limit=500"), 200).body()).contains(eventId, "households");

        expect(admin.post("/api/v1/programs/" + later + "/indicators", Map.of("code", "households", "name", "Hộ",
                "unitOfMeasure", "hộ", "aggregation", "SUM")), 201);
        assertThat(expect(admin.post(deadLetters + "/replay", null), 200).body()).contains(eventId);
        expect(admin.post(deadLetters + "/replay", null), 200); // again: nothing twice
        String progress = "/api/v1/programs/" + later + "/progress?unitId=" + communeA;
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!expect(admin.get(progress), 200).body().contains("\"code\":\"households\",\"name\":\"Hộ\",\"actual\":4,")
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(expect(admin.get(progress), 200).body()).as("counted once")
                .contains("\"code\":\"households\",\"name\":\"Hộ\",\"actual\":4,", "\"actual\":1,");
        assertThat(expect(admin.get(deadLetters + "?limit=500"), 200).body()).doesNotContain(eventId);
    }

    /** A submitted activity of commune A (under the province) as unit-service writes it, its metrics as JSON text. */
    private static String activityEvent(String eventId, String programId, String activityId, String metrics) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/unit-service\","
                + "\"type\":\"activity.submitted.v1\",\"subject\":\"" + activityId + "\",\"time\":\"2026-08-19T02:30:00Z\","
                + "\"datacontenttype\":\"application/json\",\"partitionkey\":\"" + activityId + "\",\"programid\":\""
                + programId + "\",\"unitid\":\"" + communeA + "\",\"ancestorids\":\"" + province + "\",\"data\":{"
                + "\"activityId\":\"" + activityId + "\",\"revision\":1,\"programId\":\"" + programId + "\",\"unitId\":\""
                + communeA + "\",\"ancestorIds\":[\"" + province + "\"],\"coUnitIds\":[],\"type\":\"MEETING\","
                + "\"occurredOn\":\"" + YESTERDAY + "\",\"metrics\":" + metrics + ",\"status\":\"SUBMITTED\","
                + "\"counts\":true,\"version\":1,\"reason\":null}}";
    }

    // ---- malformed encoding and strict JSON typing

    @Test
    void malformedEncodingsAreA400ProblemAtTheGatewayAndAtEachServiceAndLogNothingAtError() throws Exception {
        long errorsBefore = errorLines();
        int gateway = port("GATEWAY_PORT");
        for (String target : List.of("/api/v1/units?q=%FF%FE", "/api/v1/units?unknown=%FF", "/api/v1/units?q=%ZZ",
                "/api/v1/activities?status=%FF", "/api/v1/clients?cursor=%FF", "/api/v1/units/%FF",
                "/api/v1/units?q=H%C3%B2a%00L%E1%BB%A3i", "/api/v1/programs?q=H%C3%B2a%00L%E1%BB%A3i",
                "/api/v1/stream?programId=%FF", "/api/v1/webhooks?cursor=%C3%28", "/api/v1/audit?service=units&actor=%FF")) {
            assertRawProblem(raw(gateway, target, admin.token), 400, "gateway " + target);
        }
        // called directly, each service refuses them too (nothing checked them before)
        for (var direct : List.of(List.of("UNIT_SERVICE_PORT", "/api/v1/units?q=%FF%FE"),
                List.of("UNIT_SERVICE_PORT", "/api/v1/activities?status=%FF"),
                List.of("UNIT_SERVICE_PORT", "/api/v1/units?q=H%C3%B2a%00L%E1%BB%A3i"),
                List.of("UNIT_SERVICE_PORT", "/api/v1/units/%FF"),
                List.of("PROGRAM_SERVICE_PORT", "/api/v1/programs?q=H%C3%B2a%00L%E1%BB%A3i"),
                List.of("PROGRAM_SERVICE_PORT", "/api/v1/programs?zzz=%FF"),
                List.of("AUTH_SERVER_PORT", "/api/v1/clients?cursor=%FF"))) {
            assertRawProblem(raw(port(direct.get(0)), direct.get(1), admin.token), 400, direct.toString());
        }
        assertThat(errorLines()).as("lines at ERROR in the system's logs").isEqualTo(errorsBefore);
    }

    @Test
    void anEncryptedOrMisshapenBearerTokenIsA401() throws Exception {
        long errorsBefore = errorLines();
        for (String token : List.of("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "a.b.c.d", "a.b", "....",
                Jwts.encode(Gateway.JSON.readTree("[1]")) + "." + Jwts.encode(Gateway.JSON.readTree("{}")) + ".x")) {
            expect(officerA.as(token).get("/api/v1/units/" + communeA), 401);
            assertRawProblem(raw(port("UNIT_SERVICE_PORT"), "/api/v1/units", token), 401, "unit-service " + token);
        }
        assertThat(errorLines()).as("lines at ERROR in the system's logs").isEqualTo(errorsBefore);
    }

    @Test
    void valuesOfTheWrongJsonTypeAreA400NamingTheFieldAndStoreNothing() throws Exception {
        Set<String> before = ids(officerA.get("/api/v1/activities?unitId=" + communeA + "&limit=500"));
        String good = Gateway.JSON.writeValueAsString(activity(program, communeA, 1));
        for (var wrong : List.of(List.of("title", "123"), List.of("title", "true"), List.of("description", "5"),
                List.of("type", "1"), List.of("occurredOn", "[2025,7,1]"), List.of("metrics", "{\"sessions\":\"3\"}"))) {
            var body = (tools.jackson.databind.node.ObjectNode) Gateway.JSON.readTree(good);
            body.set(wrong.get(0), Gateway.JSON.readTree(wrong.get(1)));
            assertNamesField(officerA.postRaw("/api/v1/activities", body.toString()), wrong.get(0));
        }
        assertNamesField(officerA.postRaw("/api/v1/activities/" + activityA + "/reject", "{\"reason\":5}"), "reason");
        assertNamesField(officerA.postRaw("/api/v1/units", """
                {"code":"T-%s","name":123,"kind":"SECURITY_TEAM","parentId":"%s"}""".formatted(UUID.randomUUID()
                .toString().substring(0, 6), communeA)), "name");
        var programWithANumberForTitle = Gateway.JSON.<tools.jackson.databind.node.ObjectNode>valueToTree(
                programBody("T-" + UUID.randomUUID(), province)).put("title", 2025);
        assertNamesField(admin.postRaw("/api/v1/programs", programWithANumberForTitle.toString()), "title");
        assertNamesField(admin.postRaw("/api/v1/webhooks", """
                {"url":5,"eventTypes":["activity.submitted.v1"]}"""), "url");
        assertNamesField(admin.postRaw("/api/v1/clients", """
                {"name":true,"roles":["VIEWER"],"unitId":"%s","agency":"OTHER"}""".formatted(communeA)), "name");
        assertThat(ids(officerA.get("/api/v1/activities?unitId=" + communeA + "&limit=500"))).isEqualTo(before);
    }

    private static void assertNamesField(HttpResponse<String> response, String field) {
        expect(response, 400);
        assertThat(Gateway.json(response).path("errors").path(0).path("field").asString())
                .as(Gateway.describe(response)).startsWith(field);
    }

    private static int port(String variable) {
        return Integer.parseInt(phoihop.env.get(variable));
    }

    /** Lines at ERROR in every log of the system, so far. */
    private static long errorLines() throws java.io.IOException {
        try (var logs = java.nio.file.Files.list(phoihop.data.resolve("logs"))) {
            long count = 0;
            for (var log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                try (var lines = java.nio.file.Files.lines(log, StandardCharsets.UTF_8)) {
                    count += lines.filter(line -> line.contains(" ERROR ")).count();
                }
            }
            return count;
        }
    }

    /** A GET written byte by byte: {@code java.net.URI} would refuse {@code %ZZ}. Status, content type and body. */
    private static List<String> raw(int port, String target, String token) throws Exception {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, end);
            String type = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return List.of(head.split(" ")[1], type, answer.substring(end + 4));
        }
    }

    private static void assertRawProblem(List<String> response, int status, String what) {
        if (response.get(0).startsWith("5")) {
            Gateway.SERVER_ERRORS.add(what + " -> " + response);
        }
        assertThat(response.get(0)).as(what + " " + response).isEqualTo(Integer.toString(status));
        assertThat(response.get(1)).as(what + " " + response).startsWith("application/problem+json");
    }

    // ---- web sessions

    @Test
    void aForgedSessionCookieOpensNothing() throws Exception {
        var forged = new WebSignIn(phoihop.gatewayUrl());
        for (String value : List.of("A".repeat(43), "x", UUID.randomUUID().toString())) {
            forged.session = value;
            for (var refused : List.of(forged.get("/api/v1/units/" + communeA), forged.get("/auth/session"),
                    forged.write("POST", "/api/v1/units", Gateway.JSON.writeValueAsString(unit("FORGED", "Giả mạo",
                            "POLICE_UNIT", communeA)), "any-csrf", null))) {
                assertThat(Gateway.json(expect(refused, 401)).path("type").asString()).endsWith("/session-expired");
            }
        }
        assertThat(admin.get("/api/v1/units?parentId=" + communeA).body()).doesNotContain("FORGED");
    }

    @Test
    void aSessionCookieDoesNotWidenSomeoneElsesBearerToken() throws Exception {
        var personA = webPersonOfA();

        var asB = personA.send(HttpRequest.newBuilder(personA.uri("/api/v1/units/" + communeA))
                .header("Authorization", "Bearer " + officerB.token).GET());
        var garbage = personA.send(HttpRequest.newBuilder(personA.uri("/api/v1/units/" + communeA))
                .header("Authorization", "Bearer not.a.token").GET());

        expect(asB, 404); // officer B's scope: the cookie is ignored when a bearer token is sent
        expect(garbage, 401);
        expect(personA.get("/api/v1/units/" + communeA), 200);
    }

    @Test
    void aWriteWithTheSessionCookieFromAnotherOriginOrWithoutCsrfChangesNothing() throws Exception {
        var personA = webPersonOfA();
        String csrf = personA.csrfToken();
        String body = Gateway.JSON.writeValueAsString(unit("CSRF-X", "Xã giả", "POLICE_UNIT", communeA));

        expect(personA.write("POST", "/api/v1/units", body, csrf, "http://evil.example"), 403);
        expect(personA.write("POST", "/api/v1/units", body, null, null), 403);
        expect(personA.write("POST", "/api/v1/units", body, csrf.toUpperCase(), null), 403);
        expect(personA.write("POST", "/auth/sign-out", null, null, null), 403);

        assertThat(admin.get("/api/v1/units?parentId=" + communeA).body()).doesNotContain("CSRF-X");
        expect(personA.get("/auth/session"), 200);
    }

    @Test
    void signingInNeverSendsThePersonToAnotherSite() throws Exception {
        for (String elsewhere : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "evil.example")) {
            var landing = webPersonOfA(elsewhere).landing;
            assertThat(landing.body()).as(elsewhere).contains("content=\"0;url=/\"").doesNotContain("evil.example");
            assertThat(landing.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void aCallbackLinkFromSomeoneElsesSignInSignsNobodyIn() throws Exception {
        webPersonOfA(); // the user exists
        var attacker = new WebSignIn(phoihop.gatewayUrl());
        String link = attacker.callbackLink(webUser, webPassword, "/");

        var victim = new WebSignIn(phoihop.gatewayUrl()).send(HttpRequest.newBuilder(java.net.URI.create(link)).GET());

        expect(victim, 400);
        assertThat(victim.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(WebSignIn.COOKIE + "="));
        clientSecrets.add(attacker.finish(link).session); // the refusal spent nothing of the attacker's own sign-in
    }

    private static String webUser;
    private static String webPassword;

    /** A person of commune A signed in to the web app (the user is made once). */
    private static WebSignIn webPersonOfA() throws Exception {
        return webPersonOfA("/");
    }

    private static synchronized WebSignIn webPersonOfA(String returnTo) throws Exception {
        if (webUser == null) {
            String username = "web." + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> created = org.awaitility.Awaitility.await("auth-server knows commune A")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.post("/api/v1/users", person(username, "UNIT_OFFICER", communeA, "POLICE")),
                            r -> r.statusCode() != 403 && r.statusCode() != 422);
            webPassword = Gateway.json(expect(created, 201)).path("password").asString();
            clientSecrets.add(webPassword);
            webUser = username;
        }
        var signedIn = new WebSignIn(phoihop.gatewayUrl()).signIn(webUser, webPassword, returnTo);
        clientSecrets.add(signedIn.session);
        return signedIn;
    }

    // ---- web app

    @Test
    void theAppsFilesAreServedFromItsFoldersOnlyAndNoPathClimbsOut() throws Exception {
        long errorsBefore = errorLines();
        int gateway = port("GATEWAY_PORT");
        for (String target : List.of("/app/../application.yml", "/app/%2e%2e/application.yml", "/app/..%2fapplication.yml",
                "/app/%2e%2e%2f%2e%2e%2fMETA-INF/MANIFEST.MF", "/app/..;/application.yml", "/app/%c0%ae%c0%ae/application.yml",
                "/webjars/../application.yml", "/webjars/lit/3.3.1/../../../application.yml", "/webjars/%2e%2e/%2e%2e/application.yml",
                "/application.yml", "/META-INF/resources/index.html", "/BOOT-INF/classes/application.yml",
                "/app/%00.js", "/webjars/lit/%FF/index.js")) {
            List<String> answer = raw(gateway, target, "not-a-token");
            assertThat(answer.get(0)).as(target + " " + answer).matches("4\\d\\d");
            assertThat(answer.get(2)).as(target).doesNotContain("spring:", "Manifest-Version", "importmap");
        }
        assertThat(errorLines()).as("lines at ERROR in the system's logs").isEqualTo(errorsBefore);
    }

    @Test
    void aPageIsNeverAnApiAnswerAndATokenOpensNoPage() throws Exception {
        var anonymous = new Gateway(phoihop.gatewayUrl());
        // the API and sign-in keep their answers for a browser too
        for (String path : List.of("/api/v1/programs", "/api/v1/units/" + communeB, "/api/v1/nothing")) {
            var response = anonymous.send(anonymous.authorized(path).header("Accept", "text/html").GET());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/problem+json");
        }
        // a page is the same index.html for everyone: nothing of the query is reflected, no data without the API
        String index = anonymous.send(anonymous.authorized("/").header("Accept", "text/html").GET()).body();
        for (String path : List.of("/programs?q=%3Cscript%3Ealert(1)%3C/script%3E", "/programs/" + programB,
                "/units/" + communeB + "/members")) {
            var response = officerA.send(officerA.authorized(path).header("Accept", "text/html").GET());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(index).doesNotContain("alert(1)", communeB, programB);
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
                    .contains("script-src 'self' 'sha256-").doesNotContain("unsafe-inline");
        }
        // and a page takes no writes
        var post = anonymous.send(anonymous.authorized("/programs").header("Accept", "text/html")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isIn(401, 403, 405);
    }

    // ---- web pages

    @Test
    void aReviewsCsvIsOfTheCallersScopeOnlyAndRunsNoFormula() throws Exception {
        expect(officerA.get("/api/v1/programs/" + program + "/reviews/" + reviewB + ".csv"), 404);
        for (String bad : List.of("no-such", "%00", "..%2F..%2Fetc", "a%27b", "x".repeat(300))) {
            expect(officerA.get("/api/v1/programs/" + program + "/reviews/" + bad + ".csv"), 400, 404);
        }
        Map<String, Object> formula = new java.util.HashMap<>(review(communeA));
        formula.put("title", "=HYPERLINK(\"http://example.com\",\"Sơ kết\")");
        String reviewed = id(admin.post("/api/v1/programs/" + program + "/reviews", formula), 201);
        var csv = expect(officerA.get("/api/v1/programs/" + program + "/reviews/" + reviewed + ".csv"), 200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body().lines()).as("no cell starts a formula").noneMatch(line -> line.replaceFirst("^\uFEFF", "")
                .matches("^\"?[=+@-].*")).anyMatch(line -> line.contains("'=HYPERLINK"));
        assertThat(csv.body()).doesNotContain(communeB);
    }

    // ---- field entry

    /**
     * The outbox sends each activity with its key as the activity's id, through the session: a write without the
     * CSRF token or from another origin stores nothing; a repeat stores nothing twice; the same key with other
     * content, or naming another commune's activity, is a conflict for that item and changes nothing.
     */
    @Test
    void theOutboxsBatchNeedsTheCsrfTokenStoresEachKeyOnceAndTakesNoOneElsesActivity() throws Exception {
        var personA = webPersonOfA("/activities/new");
        String csrf = personA.csrfToken();
        String key = UUID.randomUUID().toString();
        String batch = Gateway.JSON.writeValueAsString(List.of(outboxItem(key, "Tuần tra " + key, 3)));

        expect(personA.write("POST", "/api/v1/activities/batch", batch, null, null), 403);
        expect(personA.write("POST", "/api/v1/activities/batch", batch, csrf, "http://evil.example"), 403);
        expect(admin.get("/api/v1/activities/" + key), 404);

        var first = Gateway.json(expect(personA.write("POST", "/api/v1/activities/batch", batch, csrf, null), 200));
        assertThat(first.path("results").get(0).path("status").asInt()).isEqualTo(201);
        assertThat(first.path("results").get(0).path("id").asString()).isEqualTo(key);
        var again = Gateway.json(expect(personA.write("POST", "/api/v1/activities/batch", batch, csrf, null), 200));
        assertThat(again.path("results").get(0).path("status").asInt()).isEqualTo(200);
        var listed = new ArrayList<String>();
        Gateway.json(admin.get("/api/v1/activities?programId=" + program + "&unitId=" + communeA + "&limit=500"))
                .path("items").forEach(item -> listed.add(item.path("id").asString()));
        assertThat(listed).as("the key's activity, listed once").containsOnlyOnce(key);

        String changed = Gateway.JSON.writeValueAsString(List.of(outboxItem(key, "Tuần tra " + key, 30),
                outboxItem(activityB, "Tuyên truyền", 5)));
        var conflicts = Gateway.json(expect(personA.write("POST", "/api/v1/activities/batch", changed, csrf, null), 200));
        assertThat(conflicts.path("results").get(0).path("status").asInt()).isEqualTo(409);
        assertThat(conflicts.path("results").get(1).path("status").asInt()).isIn(403, 409);
        assertThat(conflicts.toString()).doesNotContain(communeB);
        assertThat(Gateway.json(admin.get("/api/v1/activities/" + key)).path("metrics").path("sessions").asInt()).isEqualTo(3);
        assertThat(Gateway.json(admin.get("/api/v1/activities/" + activityB)).path("unitId").asString()).isEqualTo(communeB);
    }

    /** Only the service worker's own file may claim the scope of every page; the manifest is a plain file. */
    @Test
    void onlyTheServiceWorkerMayServeEveryPage() throws Exception {
        var anonymous = new Gateway(phoihop.gatewayUrl());
        var worker = anonymous.send(anonymous.authorized("/app/sw.js").GET());
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Service-Worker-Allowed")).hasValue("/");
        for (String path : List.of("/app/sw.js/", "/app/sw.js?x=1/..", "/app/main.js", "/webjars/sw.js", "/sw.js",
                "/app/%73w.js", "/app//sw.js", "/app/manifest.webmanifest")) {
            var response = anonymous.send(anonymous.authorized(path).header("Accept", "*/*").GET());
            assertThat(response.statusCode()).as(path).isNotEqualTo(500);
            if (!path.startsWith("/app/sw.js?")) {
                assertThat(response.headers().firstValue("Service-Worker-Allowed")).as(path).isEmpty();
            }
        }
    }

    private static Map<String, Object> outboxItem(String key, String title, int sessions) {
        return Map.of("id", key, "programId", program, "unitId", communeA, "coUnitIds", List.of(), "type", "PATROL",
                "occurredOn", YESTERDAY.toString(), "title", title, "metrics", Map.of("sessions", sessions));
    }

    // ---- web figures

    @Test
    void batchProgressCoversOnlyTheCallersSubtreeAndRefusesBadInputWithAProblem() throws Exception {
        String base = "/api/v1/programs/" + program + "/progress";
        for (String path : List.of(base + "/children", base + "/series")) {
            expect(officerA.get(path + "?unitId=" + communeB), 403);
            expect(officerA.get(path + "?unitId=" + province), 403);
            expect(partnerA.get(path + "?unitId=" + province), 403);
            expect(officerA.get("/api/v1/programs/" + programB + path.substring(base.length() - "/progress".length())), 404);
            expect(officerB.get(path + "?unitId=" + communeA), 403);
        }
        // the province's children, for the national admin and for nobody of commune A
        var children = Gateway.json(expect(admin.get(base + "/children?unitId=" + province), 200)).path("children");
        var listed = new java.util.ArrayList<String>();
        children.forEach(child -> listed.add(child.path("unitId").asString()));
        assertThat(listed).contains(communeA, communeB);
        var own = Gateway.json(expect(officerA.get(base + "/children"), 200));
        assertThat(own.path("unitId").asString()).as("A's own unit by default").isEqualTo(communeA);
        assertThat(own.toString()).doesNotContain(communeB);
        var series = Gateway.json(expect(officerA.get(base + "/series?from=" + YESTERDAY + "&to=" + YESTERDAY), 200));
        assertThat(series.path("unitId").asString()).isEqualTo(communeA);
        assertThat(sessions(series.path("points").path(0))).as("A's figure, as the single answer gives it")
                .isEqualTo(sessions(Gateway.json(expect(officerA.get(base + "?from=" + YESTERDAY + "&to=" + YESTERDAY), 200))));

        assertFiguresField(officerA.get(base + "/series?step=WEEK"), "step");
        assertFiguresField(officerA.get(base + "/series?from=2013-01-01&to=2033-12-31&step=MONTH"), "step");
        assertFiguresField(officerA.get(base + "/series?from=2025-02-01&to=2025-01-01"), "to");
        assertFiguresField(officerA.get(base + "/children?from=-999999999-01-01&to=%2B999999999-12-31"), "from");
        // an operator as unitId: outside a scoped caller's subtree (403), malformed for a national one (400)
        assertThat(expect(officerA.get(base + "/children?unitId=" + encode("{\"$ne\":null}")), 403).body()).contains("unitId");
        assertFiguresField(admin.get(base + "/children?unitId=" + encode("{\"$ne\":null}")), "unitId");
        expect(officerA.get("/api/v1/programs/" + encode("a'b") + "/progress/series"), 400, 404);
        expect(officerA.get("/api/v1/programs/no-such-program/progress/children"), 404);
        assertThat(admin.send(HttpRequest.newBuilder(java.net.URI.create(phoihop.gatewayUrl() + base + "/children")).GET())
                .statusCode()).as("no token").isEqualTo(401);
    }

    private static void assertFiguresField(HttpResponse<String> response, String field) {
        expect(response, 400);
        var fields = new java.util.ArrayList<String>();
        Gateway.json(response).path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).as(Gateway.describe(response)).contains(field);
    }

    // ---- co-signing pages

    @Test
    void theCoSigningInboxHoldsOnlyWhatTheCallersAgencyMayConfirmAndNamesNothingElse() throws Exception {
        coSigners();
        var joint = new LinkedHashMap<>(activity(program, policeC, 1));
        joint.put("coUnitIds", List.of(frontC));
        String id = id(retried(policeOfficerC, "/api/v1/activities", joint), 201);
        Gateway frontOfC = client("UNIT_OFFICER", frontC, "FRONT");
        String frontB = id(admin.post("/api/v1/units", unit("MTB-" + UUID.randomUUID().toString().substring(0, 6),
                "Ủy ban MTTQ xã Bình Minh", "FRONT_COMMITTEE", communeB)), 201);
        Gateway frontOfB = client("UNIT_OFFICER", frontB, "FRONT");

        HttpResponse<String> listed = frontOfC.get(inboxOf(program));
        assertThat(ids(listed)).contains(id);
        JsonNode inbox = Gateway.json(listed);
        assertThat(inbox.path("unitNames").path(policeC).asString()).as("the police unit, outside the Front's scope, by name")
                .isEqualTo("Công an xã Cửu Long");
        assertThat(ids(policeOfficerC.get(inboxOf(program))))
                .as("the police side confirmed it by logging it").doesNotContain(id);
        assertThat(ids(policeOfficerC.get("/api/v1/activities?awaiting=FRONT&programId=" + program)))
                .as("what the police wait for").contains(id);
        for (Gateway outsider : List.of(frontOfB, officerB, viewerA)) {
            HttpResponse<String> theirs = expect(outsider.get(inboxOf(program)), 200);
            assertThat(theirs.body()).doesNotContain(id).doesNotContain("Cửu Long");
            assertThat(expect(outsider.get("/api/v1/activities?awaiting=FRONT&programId=" + program), 200).body())
                    .doesNotContain(id).doesNotContain("Cửu Long");
            expect(outsider.get("/api/v1/activities/" + id), 404);
        }

        expect(officerA.get("/api/v1/activities?awaiting=%24ne"), 400);
        expect(officerA.get("/api/v1/activities?inbox=%7B%7D"), 400);
        expect(officerA.get("/api/v1/activities?inbox=true&awaiting=FRONT"), 400);
        expect(officerA.get("/api/v1/activities?corrected=1%3D1"), 400);
        expect(officerA.get("/api/v1/activities?status=CONFIRMED&status=SUBMITTED&status=REJECTED&status=CONFIRMED"
                + "&status=SUBMITTED"), 400);

        // a rejection without a reason: refused, nothing changed; the inbox still holds it
        for (Object blank : new Object[] {"", "   ", "\n\t"}) {
            expect(frontOfC.post("/api/v1/activities/" + id + "/reject", Map.of("reason", blank)), 400);
        }
        expect(frontOfC.post("/api/v1/activities/" + id + "/reject", Map.of()), 400);
        JsonNode unchanged = Gateway.json(expect(frontOfC.get("/api/v1/activities/" + id), 200));
        assertThat(unchanged.path("status").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(unchanged.path("version").asInt()).isEqualTo(1);
        assertThat(ids(frontOfC.get(inboxOf(program)))).contains(id);
    }

    private static String inboxOf(String programId) {
        return "/api/v1/activities?inbox=true&programId=" + programId;
    }

    // ---- set-up

    private static Gateway client(String role, String unitId, String agency) throws Exception {
        JsonNode created = Gateway.json(expect(admin.post("/api/v1/clients", Map.of("name", role + "-" + unitId,
                "roles", List.of(role), "unitId", unitId, "agency", agency)), 201));
        String secret = created.path("clientSecret").asString();
        clientSecrets.add(secret);
        return admin.as(token(created.path("clientId").asString(), secret));
    }

    private static String token(String clientId, String secret) throws Exception {
        var response = admin.requestToken(clientId, secret);
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(200);
        return Gateway.json(response).path("access_token").asString();
    }

    private static String activeProgram(String code, String scopeUnitId) throws Exception {
        String id = id(admin.post("/api/v1/programs", programBody(code, scopeUnitId)), 201);
        expect(admin.post("/api/v1/programs/" + id + "/indicators", Map.of("code", "sessions", "name", "Buổi tuyên truyền",
                "unitOfMeasure", "buổi", "aggregation", "SUM")), 201);
        // program-service learns units from their events: the enrolment waits until it knows the unit
        expect(retried(admin, "/api/v1/programs/" + id + "/enrollments", Map.of("unitId", scopeUnitId)), 200, 201);
        expect(admin.post("/api/v1/programs/" + id + "/activate", null), 200);
        return id;
    }

    private static Map<String, Object> programBody(String code, String scopeUnitId) {
        return Map.of("code", code, "aliases", List.of(), "title", "Chương trình " + code, "kind",
                "COORDINATION_PROGRAM", "issuers", List.of(), "startsOn", YESTERDAY.minusYears(1).toString(),
                "endsOn", YESTERDAY.plusYears(2).toString(), "scopeUnitId", scopeUnitId);
    }

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        var body = new LinkedHashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind,
                "validFrom", "2025-07-01"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return body;
    }

    private static Map<String, Object> member() {
        return Map.of("fullName", FULL_NAME, "role", "MEMBER", "phone", PHONE, "nationalId", NATIONAL_ID,
                "joinedOn", "2025-08-01");
    }

    private static Map<String, Object> activity(String programId, String unitId, int sessions) {
        return Map.of("programId", programId, "unitId", unitId, "coUnitIds", List.of(), "type", "PROPAGANDA_SESSION",
                "occurredOn", YESTERDAY.toString(), "title", "Tuyên truyền", "metrics", Map.of("sessions", sessions));
    }

    private static Map<String, Object> review(String unitId) {
        return Map.of("kind", "INTERIM", "unitId", unitId, "periodStart", YESTERDAY.minusMonths(1).toString(),
                "periodEnd", YESTERDAY.toString(), "title", "Sơ kết");
    }

    /** A write that waits for the other service to learn what it needs from Kafka: 422 or 404 until then. */
    private static HttpResponse<String> retried(Gateway caller, String path, Object body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = caller.post(path, body);
            if ((response.statusCode() != 422 && response.statusCode() != 404) || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(500);
        }
    }

    private static void awaitSessions(Gateway caller, String unitId, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double actual = -1;
        while (System.nanoTime() < deadline) {
            actual = sessions(Gateway.json(expect(caller.get("/api/v1/programs/" + program + "/progress?unitId=" + unitId),
                    200)));
            if (actual == expected) {
                return;
            }
            Thread.sleep(500);
        }
        fail("sessions of %s never reached %s; last %s", unitId, expected, actual);
    }

    private static double sessions(JsonNode progress) {
        return StreamSupport.stream(progress.path("indicators").spliterator(), false)
                .filter(i -> "sessions".equals(i.path("code").asString()))
                .map(i -> i.path("actual").asDouble()).findFirst().orElse(-1.0);
    }

    private static HttpResponse<String> csv(Gateway caller, String path) throws Exception {
        return caller.send(caller.authorized(path).header("Accept", "text/csv").GET());
    }

    private static Set<String> ids(HttpResponse<String> list) {
        JsonNode items = Gateway.json(expect(list, 200)).path("items");
        var ids = new java.util.LinkedHashSet<String>();
        items.forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private static String id(HttpResponse<String> response, int status) {
        return Gateway.json(expect(response, status)).path("id").asString();
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, Integer... statuses) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isIn((Object[]) statuses);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(Gateway.describe(response))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        return response;
    }

    private static HttpResponse<String> put(Gateway caller, String path, String json) throws Exception {
        return caller.send(caller.authorized(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
