package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Co-signing in headless Chromium, on the packaged system, with real sign-ins through the gateway: a commune's police
 * officer logs a joint activity with the commune's Front committee; the Front cadre, in another browser, sees it
 * arrive in the inbox without a reload, cannot reject it without a reason, confirms it; the officer's "My activities"
 * shows it counted without a reload, and the program's progress moves by exactly its figures. A correction shows in
 * the history as a before/after diff, and a correction made meanwhile by another client shows both versions and lets
 * the officer keep theirs or send their change again. Each page at 360 × 800, 390 × 844 and 1366 × 768.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class WebCoSigningE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final LocalDate YESTERDAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);
    private static final List<String> SECRETS = new ArrayList<>();

    private static Phoihop phoihop;
    private static Gateway admin;
    private static String commune;
    private static String police;
    private static String front;
    private static String program;
    private static Person officer;
    private static Person cadre;

    private final List<ChromeDriver> browsers = new ArrayList<>();

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    record Person(String username, String password) {
    }

    @BeforeAll
    static void aCommuneWithItsPoliceAndFrontCommittee() throws Exception {
        Gateway.SERVER_ERRORS.clear();
        phoihop = Phoihop.startFresh("web-cosign", SECRET, Map.of());
        admin = new Gateway(phoihop.gatewayUrl());
        Assumptions.assumeTrue(admin.get("/auth/session").statusCode() == 401,
                "the gateway has no web sign-in (/auth/session)");
        admin.token = Gateway.json(admin.requestToken(SECRET)).path("access_token").asString();

        String province = created(admin.post("/api/v1/units", unit("93", "Tỉnh Hậu Giang", "PROVINCE", null)));
        commune = created(admin.post("/api/v1/units", unit("31471", "Xã Vị Thanh", "COMMUNE", province)));
        police = created(admin.post("/api/v1/units", unit("CA-31471", "Công an xã Vị Thanh", "POLICE_UNIT", commune)));
        front = created(admin.post("/api/v1/units", unit("MT-31471", "Ủy ban MTTQ xã Vị Thanh", "FRONT_COMMITTEE", commune)));
        officer = user("POLICE", police);
        cadre = user("FRONT", front);

        program = created(admin.post("/api/v1/programs", Map.of("code", "PH-" + UUID.randomUUID().toString().substring(0, 6),
                "aliases", List.of(), "title", "Phối hợp bảo đảm an ninh trật tự cơ sở", "kind", "COORDINATION_PROGRAM",
                "issuers", List.of("Công an tỉnh", "Ủy ban MTTQ tỉnh"), "startsOn", "2025-01-01", "endsOn", "2027-12-31",
                "scopeUnitId", province)));
        ok(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", "sessions",
                "name", "Buổi tuyên truyền", "unitOfMeasure", "buổi", "aggregation", "SUM")));
        ok(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", "attendees",
                "name", "Lượt người dự", "unitOfMeasure", "lượt", "aggregation", "SUM")));
        ok(admin.post("/api/v1/programs/" + program + "/enrollments", Map.of("unitId", province)));
        ok(admin.post("/api/v1/programs/" + program + "/activate", Map.of()));
        // unit-service learns of the program from its event: an unknown indicator is refused by name (storing
        // nothing) only once it knows the program
        Awaitility.await("unit-service knows the program").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.post("/api/v1/activities/batch", List.of(Map.of("programId", program, "unitId", police,
                        "coUnitIds", List.of(), "type", "PATROL", "occurredOn", YESTERDAY.toString(), "title", "thử",
                        "metrics", Map.of("probe", 1)))).body().contains("metrics.probe"));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void noServerErrorAndNoSecretInAnyLog() throws Exception {
        if (phoihop == null) {
            return;
        }
        try {
            assertThat(Gateway.SERVER_ERRORS).as("5xx answers").isEmpty();
            assertThat(phoihop.placesInLogsOf(SECRETS)).as("log lines with a password").isEmpty();
            assertThat(phoihop.personalDataInLogs()).isEmpty();
        } finally {
            phoihop.kill();
        }
    }

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(ChromeDriver::quit);
    }

    @Test
    void theFrontConfirmsAJointActivityLiveAndProgressMovesByExactlyItsFigures() throws Exception {
        double[] before = progress();
        ChromeDriver officers = signIn(officer, "/activities");
        ChromeDriver cadres = signIn(cadre, "/inbox");
        awaitText(cadres, "Không có hoạt động nào chờ bạn xác nhận.");
        assertThat(cadres.findElements(By.cssSelector(".main-nav a[href='/inbox']"))).as("the inbox in the navigation").hasSize(1);
        markNoReload(officers);
        markNoReload(cadres);

        String id = logJoint(officers, "Tuyên truyền phòng chống ma túy tại ấp 3", 1, 120);

        // the logging side: awaiting the Front; the Front: in its inbox with who, where and the figures
        WebElement mine = awaitItem(officers, id);
        awaitState(officers, id, "awaiting.FRONT", "Chờ Mặt trận");
        assertThat(mine.getText()).contains("Tuyên truyền phòng chống ma túy tại ấp 3").contains(date(YESTERDAY))
                .contains("Buổi tuyên truyền: 1 buổi").contains("Lượt người dự: 120 lượt");
        WebElement item = awaitItem(cadres, id);
        assertThat(item.getText()).contains(officer.username()).contains("Công an xã Vị Thanh")
                .contains("Ủy ban MTTQ xã Vị Thanh").contains(date(YESTERDAY))
                .contains("Buổi tuyên truyền: 1 buổi").contains("Lượt người dự: 120 lượt")
                .contains("Phối hợp bảo đảm an ninh trật tự cơ sở");
        checkPage(cadres, "cosign-inbox");
        checkPage(officers, "cosign-my-activities-awaiting");

        // a rejection needs a reason: empty or blank, the form refuses it in place and nothing is sent
        cadres.findElement(By.cssSelector("li[data-activity-id='" + id + "'] button.reject")).click();
        WebElement reason = cadres.findElement(By.cssSelector("li[data-activity-id='" + id + "'] textarea[name=reason]"));
        WebElement send = cadres.findElement(By.cssSelector("li[data-activity-id='" + id + "'] .reject-form button[type=submit]"));
        send.click();
        assertThat(reason.getDomProperty("validationMessage")).isEqualTo("Hãy ghi lý do.");
        reason.sendKeys("   ");
        send.click();
        assertThat(reason.getDomProperty("validationMessage")).isEqualTo("Hãy ghi lý do.");
        checkPage(cadres, "cosign-inbox-reject-form");
        JsonNode stillWaiting = Gateway.json(admin.get("/api/v1/activities/" + id));
        assertThat(stillWaiting.path("status").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(stillWaiting.path("version").asInt()).as("nothing was sent").isEqualTo(1);
        cadres.findElement(By.cssSelector("li[data-activity-id='" + id + "'] .reject-form button[type=button]")).click();

        cadres.findElement(By.cssSelector("li[data-activity-id='" + id + "'] button.confirm")).click();
        new WebDriverWait(cadres, Duration.ofSeconds(30)).withMessage(() -> "still in the inbox: " + text(cadres))
                .until(b -> b.findElements(By.cssSelector("li[data-activity-id='" + id + "']")).isEmpty());
        awaitText(cadres, "Đã xác nhận: Tuyên truyền phòng chống ma túy tại ấp 3.");

        // the logging side sees it counted, without a reload
        awaitState(officers, id, "counted", "Đã tính");
        assertNoReload(officers);
        assertNoReload(cadres);
        checkPage(officers, "cosign-my-activities-counted");

        JsonNode confirmed = Gateway.json(admin.get("/api/v1/activities/" + id));
        assertThat(confirmed.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.path("coUnits").get(0).path("confirmedBy").asString()).isEqualTo("user:" + cadre.username());
        Awaitility.await("progress moved by the activity's figures").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(progress()).containsExactly(before[0] + 1, before[1] + 120));

        // the state filter: counted holds it, awaiting the Front no longer does
        open(officers, "/activities?state=counted&program=" + program);
        awaitItem(officers, id);
        open(officers, "/activities?state=awaitingFront");
        awaitText(officers, "Không có hoạt động nào khớp bộ lọc.");
        assertThat(officers.findElements(By.cssSelector("li[data-activity-id='" + id + "']"))).isEmpty();

        // a rejection with a reason: it leaves the inbox, the officer's list shows it rejected live, the page says why
        open(officers, "/activities");
        awaitItem(officers, id);
        markNoReload(officers);
        String refused = logJoint(officers, "Ngày hội toàn dân ở ấp 4", 1, 300);
        awaitState(officers, refused, "awaiting.FRONT", "Chờ Mặt trận");
        awaitItem(cadres, refused);
        cadres.findElement(By.cssSelector("li[data-activity-id='" + refused + "'] button.reject")).click();
        cadres.findElement(By.cssSelector("li[data-activity-id='" + refused + "'] textarea[name=reason]"))
                .sendKeys("Mặt trận không tham gia buổi này");
        cadres.findElement(By.cssSelector("li[data-activity-id='" + refused + "'] .reject-form button[type=submit]")).click();
        new WebDriverWait(cadres, Duration.ofSeconds(30)).withMessage(() -> "still in the inbox: " + text(cadres))
                .until(b -> b.findElements(By.cssSelector("li[data-activity-id='" + refused + "']")).isEmpty());
        awaitState(officers, refused, "rejected", "Bị từ chối");
        assertNoReload(officers);
        officers.findElement(By.cssSelector("li[data-activity-id='" + refused + "'] h2 a")).click();
        awaitText(officers, "Mặt trận không tham gia buổi này");
        assertThat(officers.findElement(By.cssSelector(".sides")).getText()).isEqualTo("Ủy ban MTTQ xã Vị Thanh (Mặt trận): Bị từ chối");
        assertThat(officers.findElements(By.cssSelector("button.correct"))).as("a rejected activity is final").isEmpty();
        checkPage(officers, "cosign-activity-rejected");
        Awaitility.await("progress never counts the rejected one").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(progress()).containsExactly(before[0] + 1, before[1] + 120));
    }

    @Test
    void aCorrectionShowsAsADiffAndAConflictShowsBothVersionsToChooseFrom() throws Exception {
        ChromeDriver browser = signIn(officer, "/activities");
        String id = logAlone(browser, "Họp dân ấp 5 về an ninh trật tự", 2, 50);

        // "My activities" by date, written dd/MM/yyyy whatever the browser's locale; an impossible day is refused
        awaitItem(browser, id);
        typeDay(browser, "from", date(YESTERDAY.plusDays(1)));
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "still listed: " + text(browser))
                .until(b -> b.getCurrentUrl().endsWith("from=" + YESTERDAY.plusDays(1))
                        && b.findElements(By.cssSelector("li[data-activity-id='" + id + "']")).isEmpty());
        typeDay(browser, "from", "31/02/2026");
        assertThat(browser.findElement(By.name("from")).getDomProperty("validationMessage"))
                .isEqualTo("Hãy viết ngày dạng dd/mm/yyyy, ví dụ 07/12/2026.");
        assertThat(browser.getCurrentUrl()).endsWith("from=" + YESTERDAY.plusDays(1));
        typeDay(browser, "from", date(YESTERDAY));
        awaitItem(browser, id);
        assertThat(browser.getCurrentUrl()).endsWith("from=" + YESTERDAY);
        assertThat(browser.findElement(By.name("from")).getDomProperty("value")).isEqualTo(date(YESTERDAY));
        checkPage(browser, "cosign-my-activities-by-date");

        open(browser, "/activities/" + id);
        awaitText(browser, "Họp dân ấp 5 về an ninh trật tự");
        awaitState(browser, null, "counted", "Đã tính");

        // a correction needs a reason, then shows as before → after, with who and when
        startCorrection(browser);
        setField(browser, "m-attendees", "80");
        browser.findElement(By.cssSelector(".correction-form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".correction-form textarea[name=reason]")).getDomProperty("validationMessage"))
                .isEqualTo("Hãy ghi lý do.");
        assertThat(revision(id)).as("nothing sent without a reason").isEqualTo(1);
        browser.findElement(By.cssSelector(".correction-form textarea[name=reason]")).sendKeys("Đếm lại danh sách ký tên");
        checkPage(browser, "cosign-correction-form");
        browser.findElement(By.cssSelector(".correction-form button[type=submit]")).click();
        WebElement second = awaitRevision(browser, 2);
        assertThat(second.getText()).contains("Bản 2").contains(officer.username()).contains("Đếm lại danh sách ký tên")
                .contains("Lượt người dự: 50 → 80 lượt").doesNotContain("Buổi tuyên truyền");
        assertThat(second.findElement(By.cssSelector("[data-indicator=attendees] del")).getText()).isEqualTo("50");
        assertThat(second.findElement(By.cssSelector("[data-indicator=attendees] ins")).getText()).isEqualTo("80");
        awaitState(browser, null, "corrected", "Đã điều chỉnh");
        checkPage(browser, "cosign-activity-history");

        // someone else corrects it while the form is open: both versions; keeping theirs sends nothing
        startCorrection(browser);
        setField(browser, "m-sessions", "3");
        correctElsewhere(id, 2, Map.of("sessions", 2, "attendees", 90));
        browser.findElement(By.cssSelector(".correction-form textarea[name=reason]")).sendKeys("Thêm một buổi ở ấp 6");
        browser.findElement(By.cssSelector(".correction-form button[type=submit]")).click();
        awaitConflict(browser, 3);
        assertThat(cell(browser, "sessions", "theirs")).isEqualTo("2");
        assertThat(cell(browser, "sessions", "yours")).isEqualTo("3");
        assertThat(cell(browser, "sessions", "merged")).isEqualTo("3");
        assertThat(cell(browser, "attendees", "theirs")).isEqualTo("90");
        assertThat(cell(browser, "attendees", "yours")).isEqualTo("80");
        assertThat(cell(browser, "attendees", "merged")).as("theirs, which this person did not change").isEqualTo("90");
        checkPage(browser, "cosign-correction-conflict");
        browser.findElement(By.cssSelector(".conflict button.keep-theirs")).click();
        awaitText(browser, "Đã giữ số liệu đang lưu");
        assertThat(revision(id)).isEqualTo(3);

        // again, and this time their figures with this person's change go against the new revision
        startCorrection(browser);
        setField(browser, "m-sessions", "4");
        correctElsewhere(id, 3, Map.of("sessions", 2, "attendees", 95));
        browser.findElement(By.cssSelector(".correction-form textarea[name=reason]")).sendKeys("Thêm hai buổi ở ấp 6");
        browser.findElement(By.cssSelector(".correction-form button[type=submit]")).click();
        awaitConflict(browser, 4);
        browser.findElement(By.cssSelector(".conflict button.send-again")).click();
        WebElement fifth = awaitRevision(browser, 5);
        assertThat(fifth.getText()).contains("Buổi tuyên truyền: 2 → 4 buổi").contains("Thêm hai buổi ở ấp 6")
                .doesNotContain("Lượt người dự");
        JsonNode stored = Gateway.json(admin.get("/api/v1/activities/" + id));
        assertThat(stored.path("revision").asInt()).isEqualTo(5);
        assertThat(stored.path("metrics").path("sessions").asDouble()).isEqualTo(4);
        assertThat(stored.path("metrics").path("attendees").asDouble()).isEqualTo(95);
        assertThat(browser.findElements(By.cssSelector(".conflict"))).isEmpty();
    }

    // ---- steps

    /** Logs a joint activity with the commune's Front committee as the officer, from the officer's signed-in page. */
    private static String logJoint(ChromeDriver browser, String title, int sessions, int attendees) {
        return log(browser, title, List.of(front), sessions, attendees);
    }

    private static String logAlone(ChromeDriver browser, String title, int sessions, int attendees) {
        return log(browser, title, List.of(), sessions, attendees);
    }

    private static String log(ChromeDriver browser, String title, List<String> coUnits, int sessions, int attendees) {
        var body = new LinkedHashMap<String, Object>(Map.of("programId", program, "unitId", police, "coUnitIds", coUnits,
                "type", "PROPAGANDA_SESSION", "occurredOn", YESTERDAY.toString(), "title", title,
                "metrics", Map.of("sessions", sessions, "attendees", attendees)));
        String answer = call(browser, "POST", "/api/v1/activities", Gateway.JSON.writeValueAsString(body));
        assertThat(answer).startsWith("201 ");
        return Gateway.JSON.readTree(answer.substring(4)).path("id").asString();
    }

    /** Another client (the administrator's) corrects the activity through the API. */
    private static void correctElsewhere(String id, int expectedRevision, Map<String, Object> metrics) throws Exception {
        var answer = admin.post("/api/v1/activities/" + id + "/corrections", Map.of("metrics", metrics,
                "reason", "Số liệu của xã", "expectedRevision", expectedRevision));
        assertThat(answer.statusCode()).as(Gateway.describe(answer)).isEqualTo(201);
    }

    private static void startCorrection(ChromeDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !b.findElements(By.cssSelector("button.correct")).isEmpty());
        browser.findElement(By.cssSelector("button.correct")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(By.cssSelector(".correction-form")).isEmpty());
    }

    private static void setField(ChromeDriver browser, String name, String value) {
        WebElement field = browser.findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    private static void typeDay(ChromeDriver browser, String name, String day) {
        WebElement field = browser.findElement(By.name(name));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(day, Keys.TAB);
    }

    private static WebElement awaitRevision(ChromeDriver browser, int revision) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "no revision " + revision + ": " + text(browser))
                .until(b -> b.findElements(By.cssSelector("li.revision[data-revision='" + revision + "']")).stream()
                        .findFirst().orElse(null));
    }

    private static void awaitConflict(ChromeDriver browser, int theirRevision) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "no conflict shown: " + text(browser))
                .until(b -> !b.findElements(By.cssSelector(".conflict .conflict-table")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".conflict")).getText()).contains("Có người đã sửa hoạt động này")
                .contains("bản " + theirRevision);
    }

    private static String cell(ChromeDriver browser, String indicator, String column) {
        return browser.findElement(By.cssSelector(".conflict-table tr[data-indicator='" + indicator + "'] td." + column)).getText();
    }

    private static int revision(String id) throws Exception {
        return Gateway.json(admin.get("/api/v1/activities/" + id)).path("revision").asInt();
    }

    /** The program's actual sessions and attendees in the commune. */
    private static double[] progress() throws Exception {
        JsonNode indicators = Gateway.json(admin.get("/api/v1/programs/" + program + "/progress?unitId=" + commune)).path("indicators");
        double sessions = 0;
        double attendees = 0;
        for (JsonNode indicator : indicators) {
            if (indicator.path("code").asString().equals("sessions")) {
                sessions = indicator.path("actual").asDouble();
            } else if (indicator.path("code").asString().equals("attendees")) {
                attendees = indicator.path("actual").asDouble();
            }
        }
        return new double[] {sessions, attendees};
    }

    private static String date(LocalDate day) {
        return String.format("%02d/%02d/%d", day.getDayOfMonth(), day.getMonthValue(), day.getYear());
    }

    // ---- the browser

    private ChromeDriver signIn(Person person, String path) {
        var browser = (ChromeDriver) SignInBrowserE2EIT.Chromium.start();
        browsers.add(browser);
        browser.get(phoihop.gatewayUrl() + path);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "no sign-in page; at " + browser.getCurrentUrl())
                .until(b -> !b.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(person.username());
        browser.findElement(By.id("password")).sendKeys(person.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "not back at " + path + "; at " + browser.getCurrentUrl())
                .until(b -> b.getCurrentUrl().equals(phoihop.gatewayUrl() + path)
                        && !b.findElements(By.cssSelector("ph-app main")).isEmpty());
        // the stream is open before anything is logged, so what follows arrives live
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "the live badge never said live")
                .until(b -> !b.findElements(By.cssSelector(".live-badge[data-state=live]")).isEmpty());
        return browser;
    }

    private static void open(ChromeDriver browser, String path) {
        browser.get(phoihop.gatewayUrl() + path);
    }

    private static void markNoReload(ChromeDriver browser) {
        browser.executeScript("window.phoihopSamePage = true;");
    }

    private static void assertNoReload(ChromeDriver browser) {
        assertThat(browser.executeScript("return window.phoihopSamePage === true")).as("the page was not reloaded").isEqualTo(true);
    }

    private static String text(ChromeDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void awaitText(ChromeDriver browser, String wanted) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "no \"" + wanted + "\" at " + browser.getCurrentUrl() + ": " + text(browser))
                .until(b -> text(browser).contains(wanted));
    }

    private static WebElement awaitItem(ChromeDriver browser, String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "no activity " + id + " at " + browser.getCurrentUrl() + ": " + text(browser))
                .until(b -> b.findElements(By.cssSelector("li[data-activity-id='" + id + "']")).stream().findFirst().orElse(null));
    }

    /** Waits for a state badge (of the list item, or of the activity page when id is null) and checks its words. */
    private static void awaitState(ChromeDriver browser, String id, String state, String words) {
        String scope = id == null ? ".cosign-states" : "li[data-activity-id='" + id + "'] .cosign-states";
        WebElement badge = new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "no state " + state + " at " + browser.getCurrentUrl() + ": " + text(browser))
                .until(b -> b.findElements(By.cssSelector(scope + " [data-state='" + state + "']")).stream().findFirst().orElse(null));
        assertThat(badge.getText()).isEqualTo(words);
    }

    /** A call from the page with its session cookie and CSRF token: "<status> <body>". */
    private static String call(ChromeDriver browser, String method, String path, String body) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/auth/session', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
                  .then(r => r.json())
                  .then(session => fetch(arguments[1], {method: arguments[0], credentials: 'same-origin', body: arguments[2],
                    headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': session.csrfToken}}))
                  .then(async r => done(r.status + ' ' + await r.text()))
                  .catch(e => done('failed ' + e));""", method, path, body);
    }

    private static void checkPage(ChromeDriver browser, String name) {
        PageChecks.check(browser, name, PageChecks.SMALL_PHONE_PHONE_AND_LAPTOP,
                "button, select, textarea, input:not([type=hidden]), summary, nav a, .actions a, .card h2 a");
    }

    // ---- set-up

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        var unit = new LinkedHashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind, "validFrom", "2020-01-01"));
        if (parentId != null) {
            unit.put("parentId", parentId);
        }
        return unit;
    }

    private static Person user(String agency, String unitId) throws Exception {
        String username = agency.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 6);
        var body = Map.<String, Object>of("username", username, "displayName", "Cán bộ " + username,
                "roles", List.of("UNIT_OFFICER"), "agency", agency, "permissions", List.of(), "unitId", unitId);
        HttpResponse<String> user = Awaitility.await("auth-server knows the unit").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> admin.post("/api/v1/users", body),
                        r -> r.statusCode() != 403 && r.statusCode() != 422);
        assertThat(user.statusCode()).as(Gateway.describe(user)).isEqualTo(201);
        String password = Gateway.json(user).path("password").asString();
        SECRETS.add(password);
        return new Person(username, password);
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(201);
        return Gateway.json(response).path("id").asString();
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isBetween(200, 204);
    }
}
