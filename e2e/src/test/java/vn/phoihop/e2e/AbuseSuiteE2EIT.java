package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID_MASKED;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_MASKED;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
        assertThat(ids(officerA.get("/api/v1/programs/" + program + "/reviews"))).containsExactly(reviewA);
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
