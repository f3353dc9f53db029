package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Field entry in headless Chromium, signed in through the gateway as a commune's police officer: logging an
 * activity online; offline, with the browser closed and opened again on the same profile; a batch whose answer is
 * lost after the gateway stored it; a refused item fixed and resent; an expired session. Every request of the page
 * and of its service worker goes through {@link NetworkCut}, which the test cuts to be offline. What the server
 * holds is checked through the API. The form is checked at 360 × 800 and 390 × 844 (no horizontal scrolling,
 * controls ≥ 24 × 24 px), with axe-core, and photographed under {@code target/screenshots/}.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class WebFieldEntryE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String FRONT = "Ủy ban MTTQ xã Tân Phú";
    private static final List<String> SECRETS = new ArrayList<>();

    private static Phoihop phoihop;
    private static Gateway admin;
    private static NetworkCut network;
    private static String commune;
    private static String front;
    private static String program;
    private static String officerName;
    private static String officerPassword;

    private final List<ChromeDriver> browsers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void aCommuneWithItsFrontCommitteeAndAProgram() throws Exception {
        Gateway.SERVER_ERRORS.clear();
        phoihop = Phoihop.startFresh("web-field-entry", SECRET, Map.of());
        admin = new Gateway(phoihop.gatewayUrl());
        Assumptions.assumeTrue(admin.get("/auth/session").statusCode() == 401, "the gateway has no web sign-in");
        admin.token = Gateway.json(admin.requestToken(SECRET)).path("access_token").asString();
        network = new NetworkCut();

        String province = created(admin.post("/api/v1/units", unit("80", "Tỉnh Đồng Tháp", "PROVINCE", null)));
        commune = created(admin.post("/api/v1/units", unit("28000", "Xã Tân Phú", "COMMUNE", province)));
        front = created(admin.post("/api/v1/units", unit("28000-MT", FRONT, "FRONT_COMMITTEE", commune)));
        program = created(admin.post("/api/v1/programs", Map.of("code", "CT-" + UUID.randomUUID().toString().substring(0, 6),
                "aliases", List.of(), "title", "Toàn dân bảo vệ an ninh Tổ quốc", "kind", "COORDINATION_PROGRAM",
                "issuers", List.of("Công an tỉnh", "Ủy ban MTTQ tỉnh"), "startsOn", "2025-01-01",
                "endsOn", LocalDate.now().plusYears(1).toString(), "scopeUnitId", province)));
        ok(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", "sessions",
                "name", "Buổi tuyên truyền", "unitOfMeasure", "buổi", "aggregation", "SUM")));
        ok(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", "people",
                "name", "Lượt người tham dự", "unitOfMeasure", "lượt", "aggregation", "SUM")));
        ok(admin.post("/api/v1/programs/" + program + "/enrollments", Map.of("unitId", province)));
        ok(admin.post("/api/v1/programs/" + program + "/activate", Map.of()));
        Awaitility.await("unit-service knows the program").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.post("/api/v1/activities", Map.of("programId", program, "unitId", commune,
                        "coUnitIds", List.of(), "type", "MEETING", "occurredOn", "2025-03-01", "title", "Hội nghị triển khai",
                        "metrics", Map.of())).statusCode() == 201);

        officerName = "cong.an." + UUID.randomUUID().toString().substring(0, 6);
        var user = Awaitility.await("auth-server knows the unit").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.post("/api/v1/users", Map.of("username", officerName, "displayName", "Trung úy Nguyễn Văn An",
                        "roles", List.of("UNIT_OFFICER"), "agency", "POLICE", "unitId", commune, "permissions", List.of())),
                        r -> r.statusCode() != 403 && r.statusCode() != 422);
        assertThat(user.statusCode()).as(Gateway.describe(user)).isEqualTo(201);
        officerPassword = Gateway.json(user).path("password").asString();
        SECRETS.add(officerPassword);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void noServerErrorAndNoSecretInAnyLog() throws Exception {
        if (network != null) {
            network.close();
        }
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
    void closeTheBrowsers() throws IOException {
        browsers.forEach(ChromeDriver::quit);
        network.restore();
        network.batchesToCut.set(0);
        for (Path profile : profiles) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void onlineAnActivityWithTheFrontAsCoUnitIsStoredOnceWithItsFigures() throws Exception {
        ChromeDriver browser = signIn(start(newProfile()), "/activities/new");
        String title = "Tuyên truyền phòng chống ma túy " + suffix();
        awaitProgramChosen(browser);
        // the Front committee, found by its name without diacritics
        browser.findElement(By.cssSelector("input[name=coUnitIds]")).sendKeys("mttq xa tan phu");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !b.findElements(By.cssSelector(".found-units button")).isEmpty());
        browser.findElement(By.cssSelector(".found-units button")).click();
        awaitText(browser, FRONT);
        fill(browser, title, "2025-09-02", "12", "480");
        checkPage(browser, "entry-form");
        submit(browser);
        awaitText(browser, "Đã lưu hoạt động lên máy chủ.");

        List<JsonNode> stored = storedTitled(title);
        assertThat(stored).hasSize(1);
        JsonNode activity = stored.get(0);
        assertThat(activity.path("metrics").path("sessions").asDouble()).isEqualTo(12);
        assertThat(activity.path("metrics").path("people").asDouble()).isEqualTo(480);
        assertThat(activity.path("occurredOn").asString()).isEqualTo("2025-09-02");
        assertThat(activity.path("unitId").asString()).isEqualTo(commune);
        assertThat(activity.path("coUnitIds").toString()).contains(front);
        assertThat(activity.path("status").asString()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(outboxSize(browser)).isZero();

        // what the service would refuse is refused in the form, next to its field, and nothing is sent
        long before = network.forwarded.size();
        fill(browser, "", LocalDate.now().plusDays(2).toString(), "-3", "");
        submit(browser);
        awaitText(browser, "Ngày diễn ra không được ở tương lai.");
        assertThat(text(browser)).contains("Hãy nhập tên hoạt động.", "Nhập một số không âm");
        assertThat(browser.findElement(By.name("occurredOn")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(network.forwarded.stream().skip(before).filter(r -> r.startsWith("POST"))).isEmpty();
        checkPage(browser, "entry-form-errors");
    }

    @Test
    void offlineThreeActivitiesSurviveARestartAndAreStoredOnceEachWhenOnline() throws Exception {
        Path profile = newProfile();
        ChromeDriver browser = signIn(start(profile), "/activities/new");
        awaitProgramChosen(browser);
        awaitShellCached(browser);
        goOffline(browser);
        String batch = suffix();
        for (int i = 1; i <= 3; i++) {
            fill(browser, "Tuần tra đêm " + i + " " + batch, "2025-10-0" + i, String.valueOf(i), String.valueOf(10 * i));
            submit(browser);
            int expected = i;
            new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> text(browser))
                    .until(b -> b.findElements(By.cssSelector(".outbox-item[data-state=waiting]")).size() == expected);
        }
        awaitText(browser, "Chưa gửi được");
        showOutbox(browser);
        checkPage(browser, "entry-outbox-offline");
        browser.quit();
        browsers.remove(browser);

        // the same profile, still offline: the app opens from the cache and the three still wait
        ChromeDriver reopened = start(profile);
        reopened.get(phoihop.gatewayUrl() + "/activities/new");
        new WebDriverWait(reopened, Duration.ofSeconds(60)).withMessage(() -> text(reopened))
                .until(b -> b.findElements(By.cssSelector(".outbox-item[data-state=waiting]")).size() == 3);
        // the page's view too (the emulation is the page's, set once it is there), so that going online is an event
        emulateOffline(reopened, true);
        new WebDriverWait(reopened, Duration.ofSeconds(10)).until(b -> Boolean.FALSE.equals(reopened.executeScript("return navigator.onLine")));
        assertThat(storedTitled(batch)).isEmpty();

        // online again: the session ended with the browser (401), so nothing is sent and nothing is lost
        long before = network.forwarded.size();
        goOnline(reopened);
        new WebDriverWait(reopened, Duration.ofSeconds(30))
                .withMessage(() -> "no sign-in asked; requests since online: " + network.forwarded.subList((int) before,
                        network.forwarded.size()) + "; page: " + text(reopened))
                .until(b -> text(reopened).contains("Phiên đăng nhập đã hết hạn"));
        assertThat(reopened.findElements(By.cssSelector(".outbox-item[data-state=waiting]"))).hasSize(3);
        assertThat(outboxSize(reopened)).isEqualTo(3);
        assertThat(storedTitled(batch)).isEmpty();

        reopened.findElement(By.xpath("//button[normalize-space()='Đăng nhập lại']")).click();
        enterCredentials(reopened, "/activities/new");
        Awaitility.await("the outbox is sent after signing in").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> outboxSize(reopened) == 0);
        List<JsonNode> stored = storedTitled(batch);
        assertThat(stored).hasSize(3);
        assertThat(stored.stream().map(a -> a.path("title").asString()).distinct()).hasSize(3);
        assertThat(stored.stream().mapToDouble(a -> a.path("metrics").path("sessions").asDouble()).sum()).isEqualTo(6);
        assertThat(network.batches()).as("sent as one batch").isGreaterThanOrEqualTo(1);
        showOutbox(reopened);
        checkPage(reopened, "entry-after-sync");
    }

    @Test
    void aBatchWhoseAnswerIsLostIsSentAgainAndNothingIsDoubled() throws Exception {
        ChromeDriver browser = signIn(start(newProfile()), "/activities/new");
        awaitProgramChosen(browser);
        goOffline(browser);
        String batch = suffix();
        for (int i = 1; i <= 2; i++) {
            fill(browser, "Hòa giải " + i + " " + batch, "2025-11-0" + i, "1", "5");
            submit(browser);
            int expected = i;
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(b -> b.findElements(By.cssSelector(".outbox-item[data-state=waiting]")).size() == expected);
        }
        long batchesBefore = network.batches();
        network.batchesToCut.set(1);
        goOnline(browser);
        // the gateway stored both, the browser got a 502: the two still wait
        Awaitility.await("the first batch went out").atMost(Duration.ofSeconds(60)).until(() -> network.batches() == batchesBefore + 1);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.findElements(By.cssSelector(".outbox-item[data-state=waiting]")).size() == 2);
        assertThat(storedTitled(batch)).hasSize(2);

        browser.findElement(By.cssSelector("button.sync-now")).click();
        Awaitility.await("the outbox is sent again").atMost(Duration.ofSeconds(60)).until(() -> outboxSize(browser) == 0);
        assertThat(network.batches()).isEqualTo(batchesBefore + 2);
        List<JsonNode> stored = storedTitled(batch);
        assertThat(stored).hasSize(2);
        assertThat(stored.stream().map(a -> a.path("title").asString()).distinct()).hasSize(2);
    }

    @Test
    void aRefusedItemShowsWhyIsFixedInTheFormAndStoredOnce() throws Exception {
        ChromeDriver browser = signIn(start(newProfile()), "/activities/new");
        awaitProgramChosen(browser);
        // an outbox file from another phone: its date lies before the program began, which the form would not allow
        String key = UUID.randomUUID().toString();
        String title = "Ra mắt mô hình camera an ninh " + suffix();
        Path file = Files.createTempFile("outbox", ".json");
        Files.writeString(file, Gateway.JSON.writeValueAsString(Map.of("format", "phoihop-outbox", "version", 1,
                "items", List.of(Map.of("key", key, "state", "waiting", "enteredAt", "2025-01-01T00:00:00Z",
                        "labels", Map.of("program", "Toàn dân bảo vệ an ninh Tổ quốc"),
                        "body", Map.of("programId", program, "unitId", commune, "coUnitIds", List.of(),
                                "type", "MODEL_LAUNCHED", "occurredOn", "2024-06-01", "title", title,
                                "metrics", Map.of("sessions", 1)))))));
        browser.findElement(By.cssSelector(".outbox input[type=file]")).sendKeys(file.toString());
        awaitText(browser, "Đã nhập 1 hoạt động, bỏ qua 0");
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> text(browser))
                .until(b -> !b.findElements(By.cssSelector(".outbox-item[data-state=refused]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".outbox-item[data-state=refused]")).getText())
                .contains("Bị từ chối", "The program runs from 2025-01-01", "outside the program's period");
        // importing it again adds nothing: its key is there
        browser.findElement(By.cssSelector(".outbox input[type=file]")).sendKeys(file.toString());
        awaitText(browser, "Đã nhập 0 hoạt động, bỏ qua 1");
        showOutbox(browser);
        checkPage(browser, "entry-refused");

        browser.findElement(By.cssSelector(".outbox-item[data-state=refused] a.button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> text(browser))
                .until(b -> b.findElement(By.name("title")).getDomProperty("value").equals(title));
        assertThat(browser.findElement(By.id("err-occurredOn")).getText()).contains("outside the program's period");
        setValue(browser, "occurredOn", "2025-06-01");
        submit(browser);
        awaitText(browser, "Đã lưu hoạt động lên máy chủ.");
        assertThat(outboxSize(browser)).isZero();
        List<JsonNode> stored = storedTitled(title);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("occurredOn").asString()).isEqualTo("2025-06-01");
        assertThat(stored.get(0).path("id").asString()).as("the key it was entered with").isEqualTo(key);

        // the same file once more: the stored activity holds other content under that key, a conflict, nothing doubled
        browser.findElement(By.cssSelector(".outbox input[type=file]")).sendKeys(file.toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> text(browser))
                .until(b -> !b.findElements(By.cssSelector(".outbox-item[data-state=conflict]")).isEmpty());
        assertThat(storedTitled(title)).hasSize(1);
    }

    /**
     * The benchmark of issue 16, measured here rather than asserted: 500 activities queued offline (imported, as from
     * another phone), then online; how long until the outbox is empty is printed. Each is stored exactly once.
     */
    @Test
    void fiveHundredQueuedOfflineAreStoredOnceEachWhenOnline() throws Exception {
        ChromeDriver browser = signIn(start(newProfile()), "/activities/new");
        awaitProgramChosen(browser);
        goOffline(browser);
        String batch = "Sinh hoạt tổ " + suffix();
        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 500; i++) {
            items.add(Map.of("key", UUID.randomUUID().toString(), "state", "waiting", "enteredAt", "2026-01-01T00:00:00Z",
                    "body", Map.of("programId", program, "unitId", commune, "coUnitIds", List.of(), "type", "MEETING",
                            "occurredOn", "2025-08-01", "title", batch + " #" + i, "metrics", Map.of("people", 1))));
        }
        Path file = Files.createTempFile("outbox", ".json");
        Files.writeString(file, Gateway.JSON.writeValueAsString(Map.of("format", "phoihop-outbox", "version", 1, "items", items)));
        browser.findElement(By.cssSelector(".outbox input[type=file]")).sendKeys(file.toString());
        new WebDriverWait(browser, Duration.ofSeconds(120)).withMessage(() -> text(browser))
                .until(b -> text(browser).contains("Đã nhập 500 hoạt động"));
        assertThat(outboxSize(browser)).isEqualTo(500);

        network.batchMillis.clear();
        long started = System.nanoTime();
        goOnline(browser);
        Awaitility.await("500 stored").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> outboxSize(browser) == 0);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String report = "500 activities queued offline, stored " + millis + " ms after going online; the gateway answered"
                + " the batches in " + network.batchMillis + " ms\n";
        System.out.print("bench: " + report);
        Files.writeString(SCREENSHOTS.resolve("entry-bench-500.txt"), report);
        List<JsonNode> stored = storedTitled(batch);
        assertThat(stored).hasSize(500);
        assertThat(stored.stream().map(a -> a.path("title").asString()).distinct()).hasSize(500);
    }

    // ---- the browser

    private Path newProfile() throws IOException {
        Path profile = Files.createTempDirectory("phoihop-profile");
        profiles.add(profile);
        return profile;
    }

    private ChromeDriver start(Path profile) {
        var options = new ChromeOptions();
        options.setBinary(System.getProperty("phoihop.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        options.addArguments(network.chromiumArguments());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi-VN,vi,en"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(System.getProperty("phoihop.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        var browser = new ChromeDriver(service, options);
        browsers.add(browser);
        return browser;
    }

    private ChromeDriver signIn(ChromeDriver browser, String path) {
        browser.get(phoihop.gatewayUrl() + path);
        enterCredentials(browser, path);
        return browser;
    }

    private static void enterCredentials(ChromeDriver browser, String path) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(() -> "no sign-in page; at " + browser.getCurrentUrl())
                .until(b -> !b.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(officerName);
        browser.findElement(By.id("password")).sendKeys(officerPassword);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // generous: sign-in is three services' work, on two cores shared with other runs
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .withMessage(() -> "not back at " + path + "; at " + browser.getCurrentUrl())
                .until(b -> b.getCurrentUrl().equals(phoihop.gatewayUrl() + path)
                        && !b.findElements(By.cssSelector("ph-log-activity-page form")).isEmpty());
    }

    private static void awaitProgramChosen(ChromeDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> text(browser))
                .until(b -> !b.findElements(By.name("metrics.sessions")).isEmpty());
    }

    /** The service worker controls the page and holds every file the page loaded, the session and the programs. */
    private static void awaitShellCached(ChromeDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(() -> "shell not cached: " + browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all(['phoihop-shell-v1', 'phoihop-data-v1'].map(name => caches.open(name).then(c => c.keys())))
                  .then(keys => done(keys.flat().map(k => k.url).join(' ')));"""))
                .until(b -> Boolean.TRUE.equals(browser.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        if (!navigator.serviceWorker.controller) { done(false); return; }
                        const wanted = performance.getEntriesByType('resource').map(e => new URL(e.name))
                          .filter(u => u.origin === location.origin && /^\\/(app|webjars)\\//.test(u.pathname))
                          .map(u => u.pathname);
                        caches.open('phoihop-shell-v1').then(async cache => {
                          const missing = [];
                          for (const path of [...wanted, '/', '/app/pages/log-activity.js']) {
                            if (!(await cache.match(path))) missing.push(path);
                          }
                          const data = await caches.open('phoihop-data-v1');
                          const kept = (await data.keys()).map(k => new URL(k.url).pathname);
                          done(missing.length === 0 && kept.includes('/auth/session') && kept.includes('/api/v1/programs'));
                        });""")));
    }

    /** The outbox in view, for the screenshots. */
    private static void showOutbox(ChromeDriver browser) {
        browser.executeScript("document.querySelector('.outbox').scrollIntoView()");
    }

    private static void goOffline(ChromeDriver browser) {
        network.cut();
        emulateOffline(browser, true);
    }

    private static void goOnline(ChromeDriver browser) {
        network.restore();
        emulateOffline(browser, false);
    }

    /** The page's own view of the network (navigator.onLine, the online event); NetworkCut cuts the real one. */
    private static void emulateOffline(ChromeDriver browser, boolean offline) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private static void fill(ChromeDriver browser, String title, String date, String sessions, String people) {
        setValue(browser, "title", title);
        setValue(browser, "occurredOn", date);
        setValue(browser, "metrics.sessions", sessions);
        setValue(browser, "metrics.people", people);
        new Select(browser.findElement(By.name("type"))).selectByValue("PROPAGANDA_SESSION");
    }

    private static void submit(ChromeDriver browser) {
        browser.findElement(By.cssSelector("form.entry-form button[type=submit]")).click();
    }

    private static void setValue(ChromeDriver browser, String name, String value) {
        browser.executeScript("const e = document.querySelector(`[name='${arguments[0]}']`); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));", name, value);
    }

    /** The items in this browser's outbox (IndexedDB), read directly. */
    private static int outboxSize(ChromeDriver browser) {
        return ((Number) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const open = indexedDB.open('phoihop');
                open.onsuccess = () => {
                  const db = open.result;
                  if (!db.objectStoreNames.contains('outbox')) { done(0); return; }
                  const count = db.transaction('outbox').objectStore('outbox').count();
                  count.onsuccess = () => { done(count.result); db.close(); };
                };
                open.onerror = () => done(-1);""")).intValue();
    }

    private static String text(ChromeDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void awaitText(ChromeDriver browser, String wanted) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "no \"" + wanted + "\" at " + browser.getCurrentUrl() + ": " + text(browser))
                .until(b -> text(browser).contains(wanted));
    }

    private static void checkPage(ChromeDriver browser, String name) {
        PageChecks.check(browser, name, PageChecks.SMALL_PHONE_PHONE_AND_LAPTOP,
                "button, select, input:not([type=hidden]):not([type=file]), textarea, summary, nav a, .actions a, a.button, label.button, .outbox-item a, .entry-notice a");
    }

    // ---- the server's side

    /** The program's activities whose title contains the text, as the API holds them. */
    private static List<JsonNode> storedTitled(String text) throws Exception {
        var found = new ArrayList<JsonNode>();
        String cursor = null;
        do {
            var response = admin.get("/api/v1/activities?programId=" + URLEncoder.encode(program, StandardCharsets.UTF_8)
                    + "&limit=500" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(200);
            JsonNode page = Gateway.json(response);
            page.path("items").forEach(item -> {
                if (item.path("title").asString().contains(text)) {
                    found.add(item);
                }
            });
            cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        return found;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        var unit = new java.util.LinkedHashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind,
                "validFrom", "2020-01-01"));
        if (parentId != null) {
            unit.put("parentId", parentId);
        }
        return unit;
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(201);
        return Gateway.json(response).path("id").asString();
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isBetween(200, 204);
    }
}
