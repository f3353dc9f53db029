package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app in headless Chromium on the packaged system, with real sign-in through the gateway (BFF): a
 * commune's person sees their scope and nothing of the neighbouring commune; Cần Thơ's 2019 figures show exactly
 * in both languages; an activity logged by another client moves the open page within 5 s without a reload; the
 * stream comes back after a restart with nothing missed; phone-size layout, target sizes and axe-core on every
 * page, with screenshots under {@code target/screenshots/}. One system for all of it (each costs ~35 s of CI).
 *
 * <p>Skipped where the gateway does not serve {@code /auth/sign-in} (the sign-in at the gateway is built on its
 * own branch): no test of the app fakes a session.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebDashboardE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final long SESSIONS = 23_000;
    static final long ATTENDANCES = 1_360_000;
    static final long TEAMS = 12;

    private static Phoihop phoihop;
    private static Gateway admin;
    private static Gateway officer;
    private static String city;
    private static String communeA;
    private static String communeB;
    private static String program;
    private static String programB;
    private static final Map<String, String> passwords = new LinkedHashMap<>();
    private static final Map<String, long[]> shares = new LinkedHashMap<>(); // commune → sessions, attendances

    private final List<WebDriver> browsers = new ArrayList<>();

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void canThoIn2019() throws Exception {
        // before starting anything: a checkout without the gateway's sign-in would only start a system to skip
        Assumptions.assumeTrue(Files.isDirectory(Path.of(System.getProperty("phoihop.home", ".."))
                .resolve("gateway/src/main/java/vn/phoihop/gateway/session")), "no sign-in at the gateway in this checkout");
        phoihop = Phoihop.startFresh("web", SECRET, Map.of());
        Assumptions.assumeTrue(signInServed(), "the gateway does not serve /auth/sign-in (yet)");
        admin = new Gateway(phoihop.gatewayUrl());
        admin.token = Gateway.json(admin.requestToken(SECRET)).path("access_token").asString();

        String run = UUID.randomUUID().toString().substring(0, 6);
        city = id(admin.post("/api/v1/units", unit("92-" + run, "Thành phố Cần Thơ", "PROVINCE", null)));
        communeA = id(admin.post("/api/v1/units", unit("92A-" + run, "Phường Ninh Kiều", "COMMUNE", city)));
        communeB = id(admin.post("/api/v1/units", unit("92B-" + run, "Phường Cái Khế", "COMMUNE", city)));
        program = activeProgram("09/CTr-" + run, "Phối hợp đẩy mạnh phong trào Toàn dân bảo vệ an ninh Tổ quốc", city);
        programB = activeProgram("CK-" + run, "Chương trình riêng của phường Cái Khế", communeB);

        var created = Gateway.json(admin.post("/api/v1/clients", Map.of("name", "officer-" + run,
                "roles", List.of("UNIT_OFFICER"), "unitId", city, "agency", "POLICE")));
        officer = new Gateway(phoihop.gatewayUrl());
        officer.token = Gateway.json(officer.requestToken(created.path("clientId").asString(),
                created.path("clientSecret").asString())).path("access_token").asString();
        passwords.put("city", user("tp." + run, "Nguyễn Thị Lan", city));
        passwords.put("communeA", user("nk." + run, "Trần Văn Bình", communeA));

        // the year's totals, split over 40 activities of the two communes
        var items = new ArrayList<Map<String, Object>>();
        long sessionsLeft = SESSIONS;
        long attendancesLeft = ATTENDANCES;
        for (int i = 0; i < 40; i++) {
            long sessions = i == 39 ? sessionsLeft : 500 + i;
            long attendances = i == 39 ? attendancesLeft : 30_000 + 17L * i;
            sessionsLeft -= sessions;
            attendancesLeft -= attendances;
            String commune = i % 3 == 0 ? communeB : communeA;
            long[] share = shares.computeIfAbsent(commune, c -> new long[2]);
            share[0] += sessions;
            share[1] += attendances;
            items.add(activity(commune, String.format("2019-%02d-%02d", 1 + i % 12, 1 + i % 28), sessions, attendances));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var answer = officer.post("/api/v1/activities/batch", items.subList(0, 1));
            return answer.statusCode() == 200 && Gateway.json(answer).path("results").get(0).path("status").asInt() == 201;
        });
        var rest = Gateway.json(officer.post("/api/v1/activities/batch", items.subList(1, items.size())));
        rest.path("results").forEach(result -> assertThat(result.path("status").asInt()).as(result.toString()).isEqualTo(201));
        // a LATEST count: the security teams of commune A as reported on 02/09/2019
        var teams = officer.post("/api/v1/activities", Map.of("programId", program, "unitId", communeA, "coUnitIds", List.of(),
                "type", "PROPAGANDA_SESSION", "occurredOn", "2019-09-02", "title", "Báo cáo số tổ an ninh",
                "metrics", Map.of("teams", TEAMS)));
        assertThat(teams.statusCode()).as(Gateway.describe(teams)).isEqualTo(201);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sessionsOf(city, "2019-01-01", "2019-12-31") == SESSIONS
                        && actualOf(city, "teams", "2019-01-01", "2019-12-31") == TEAMS);
    }

    @AfterAll
    static void stopEverything() {
        if (phoihop != null) {
            phoihop.kill();
        }
    }

    @AfterEach
    void closeTheBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    @Order(1)
    void aCommunesPersonSeesTheProgramsOfTheirScopeAndNothingOfTheNeighbour() {
        WebDriver browser = signedIn("communeA", "/programs");
        awaitText(browser, "Phối hợp đẩy mạnh phong trào");
        assertThat(text(browser)).doesNotContain("Chương trình riêng của phường Cái Khế");

        browser.get(phoihop.gatewayUrl() + "/programs/" + program + "?period=y2019");
        long[] own = shares.get(communeA);
        awaitText(browser, vi(own[0]));
        assertThat(text(browser)).contains("Phường Ninh Kiều", vi(own[1])).doesNotContain("Phường Cái Khế",
                vi(shares.get(communeB)[0]), vi(SESSIONS));

        // the neighbour's figures by its id: a problem in place, none of its figures
        browser.get(phoihop.gatewayUrl() + "/programs/" + program + "?period=y2019&unit=" + communeB);
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector(".problem")).isEmpty());
        assertThat(text(browser)).doesNotContain(vi(shares.get(communeB)[0]), "Phường Cái Khế");
        browser.get(phoihop.gatewayUrl() + "/programs/" + programB);
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector(".problem")).isEmpty());
        assertThat(text(browser)).doesNotContain("Chương trình riêng của phường Cái Khế");
    }

    @Test
    @Order(2)
    void theCanTho2019FiguresShowExactlyInVietnameseAndInEnglishRemembered() {
        WebDriver browser = signedIn("city", "/programs/" + program + "?period=y2019");
        awaitText(browser, "23.000");
        assertThat(figures(browser)).contains("23.000", "1.360.000");
        assertThat(text(browser)).contains("01/01/2019");

        browser.findElement(By.cssSelector(".language button[lang=en]")).click();
        awaitText(browser, "23,000");
        assertThat(figures(browser)).contains("23,000", "1,360,000").doesNotContain("23.000");
        browser.navigate().refresh();
        awaitText(browser, "1,360,000");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        browser.findElement(By.cssSelector(".language button[lang=vi]")).click();
        awaitText(browser, "1.360.000");
    }

    @Test
    @Order(3)
    void anActivityLoggedByAnotherClientMovesTheFigureTheUnitsRowAndTheChartWithin5sWithoutAReload() throws Exception {
        WebDriver browser = signedIn("city", "/programs/" + program + "?period=y2019");
        long before = sessionsOf(city, "2019-01-01", "2019-12-31");
        long rowBefore = shares.get(communeA)[0];
        awaitText(browser, vi(before));
        awaitLive(browser);
        js(browser).executeScript("window.__sameDocument = true;");
        double chartBefore = chartTotal(browser);

        var logged = officer.post("/api/v1/activities", activity(communeA, "2019-06-15", 7, 300));
        assertThat(logged.statusCode()).as(Gateway.describe(logged)).isEqualTo(201);
        shares.get(communeA)[0] += 7;
        shares.get(communeA)[1] += 300;

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(figure(browser, ".indicator[data-indicator=sessions] .figure")).isEqualTo(vi(before + 7));
            assertThat(figure(browser, "tr[data-unit-id='" + communeA + "'] [data-figure]")).isEqualTo(vi(rowBefore + 7));
            assertThat(chartTotal(browser)).isEqualTo(chartBefore + 7);
        });
        assertThat(js(browser).executeScript("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
    }

    @Test
    @Order(4)
    void everyPageFitsAPhoneHasTargetsOf24pxPassesAxeAndIsPhotographed() throws Exception {
        WebDriver browser = signedIn("city", "/programs");
        String activity = Gateway.json(officer.get("/api/v1/activities?programId=" + program + "&unitId=" + communeA
                + "&limit=1")).path("items").get(0).path("id").asString();
        var pages = new LinkedHashMap<String, String>();
        pages.put("programs", "/programs");
        pages.put("program", "/programs/" + program + "?period=y2019");
        pages.put("sources", "/programs/" + program + "/sources?unit=" + communeA + "&indicator=sessions");
        pages.put("activity", "/activities/" + activity);
        Files.createDirectories(SCREENSHOTS);
        // one size after the other
        for (int[] size : new int[][] {{390, 844}, {1366, 768}}) {
            browser.manage().window().setSize(new Dimension(size[0], size[1]));
            for (var page : pages.entrySet()) {
                browser.get(phoihop.gatewayUrl() + page.getValue());
                new WebDriverWait(browser, Duration.ofSeconds(30))
                        .withMessage(() -> page.getKey() + " not shown at " + size[0] + "; at " + browser.getCurrentUrl()
                                + ": " + text(browser))
                        .until(b -> b.findElements(By.cssSelector(".loading")).isEmpty()
                                && !b.findElements(By.cssSelector("main h1")).isEmpty());
                Files.write(SCREENSHOTS.resolve("web-" + page.getKey() + "-" + size[0] + "x" + size[1] + ".png"),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                if (size[0] == 390) {
                    assertThat(js(browser).executeScript(
                            "return document.documentElement.scrollWidth <= window.innerWidth")).as(page.getKey()).isEqualTo(true);
                    assertThat(js(browser).executeScript(SMALL_TARGETS)).as(page.getKey() + ": controls under 24 × 24 px")
                            .asList().isEmpty();
                }
                // legacy mode: axe runs in the page itself, without a blank window of its own to finish in
                List<Rule> violations = new AxeBuilder().setLegacyMode(true)
                        .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                        .analyze(browser).getViolations().stream()
                        .filter(rule -> List.of("serious", "critical").contains(rule.getImpact())).toList();
                assertThat(violations).as(page.getKey() + " " + size[0] + ": " + violations.stream()
                        .map(rule -> rule.getId() + " " + rule.getNodes().stream().map(n -> n.getTarget().toString()).toList())
                        .toList()).isEmpty();
            }
        }
    }

    @Test
    @Order(5)
    void theStreamCutByARestartGoesReconnectingThenLiveAndMissesNothing() throws Exception {
        WebDriver browser = signedIn("city", "/programs/" + program + "?period=y2019");
        awaitLive(browser);
        long before = sessionsOf(city, "2019-01-01", "2019-12-31");
        awaitText(browser, vi(before));

        Process devstack = phoihop.process();
        devstack.toHandle().destroy();
        assertThat(devstack.waitFor(90, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("reconnecting", "offline").contains(badge(browser)));
        phoihop.start();
        phoihop.awaitReady(Phoihop.READY_SECONDS);
        admin.token = Gateway.json(admin.requestToken(SECRET)).path("access_token").asString();
        var logged = admin.post("/api/v1/activities", activity(communeB, "2019-07-01", 11, 500));
        assertThat(logged.statusCode()).as(Gateway.describe(logged)).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(badge(browser)).isEqualTo("live");
            assertThat(figure(browser, ".indicator[data-indicator=sessions] .figure")).isEqualTo(vi(before + 11));
        });
    }

    // ---- web figures

    @Test
    @Order(6)
    void theProgramPageAsksOnceForItsChildUnitsAndItsSeriesAndShowsALatestValuesDateAndARatiosParts() throws Exception {
        WebDriver browser = signedIn("city", "/programs/" + program + "?period=y2019");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b ->
                !b.findElements(By.cssSelector(".indicator[data-indicator=teams] .value-date")).isEmpty()
                        && b.findElements(By.cssSelector("section.children tr[data-unit-id]")).size() == 2);
        List<String> calls = progressCalls(browser);
        var children = calls.stream().filter(c -> c.contains("/progress/children?")).toList();
        var series = calls.stream().filter(c -> c.contains("/progress/series?")).toList();
        assertThat(children).as("the child units' figures: one call per round").isNotEmpty()
                .allMatch(c -> c.contains("unitId=" + city) && c.contains("from=2019-01-01"));
        assertThat(series).as("the months: one call per round").hasSameSizeAs(children)
                .allMatch(c -> c.contains("step=MONTH") && c.contains("to=2019-12-31"));
        assertThat(calls).as("no call per child unit or per month").noneMatch(c -> c.contains("/progress?unitId=" + communeA)
                || c.contains("/progress?unitId=" + communeB) || c.contains("from=2019-02-01"));
        assertThat(browser.findElements(By.cssSelector("section.children tr[data-unit-id]"))).hasSize(2);
        assertThat(js(browser).executeScript("return document.querySelector('section.series ph-chart').option.series[0].data.length"))
                .as("twelve months").isEqualTo(12L);

        assertThat(figure(browser, ".indicator[data-indicator=teams] .figure")).isEqualTo(vi(TEAMS));
        assertThat(figure(browser, ".indicator[data-indicator=teams] .value-date")).isEqualTo("tính đến 02/09/2019");
        long sessions = sessionsOf(city, "2019-01-01", "2019-12-31");
        long attendances = actualOf(city, "attendances", "2019-01-01", "2019-12-31");
        assertThat(figure(browser, ".indicator[data-indicator=perSession] .parts"))
                .isEqualTo(vi(attendances) + " ÷ " + vi(sessions));
        browser.findElement(By.cssSelector(".language button[lang=en]")).click();
        awaitText(browser, "as of 02/09/2019");
        assertThat(figure(browser, ".indicator[data-indicator=perSession] .parts"))
                .isEqualTo(vi(attendances).replace('.', ',') + " ÷ " + vi(sessions).replace('.', ','));
        browser.findElement(By.cssSelector(".language button[lang=vi]")).click();
        awaitText(browser, "tính đến 02/09/2019");
    }

    @Test
    @Order(7)
    void aCustomRangeIsTypedAsDdMmYyyyAndABadDateIsRefusedNextToItsField() throws Exception {
        WebDriver browser = signedIn("city", "/programs/" + program + "?period=custom");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.findElements(By.id("range-from")).isEmpty());
        var from = browser.findElement(By.id("range-from"));
        assertThat(from.getDomAttribute("type")).isEqualTo("text");
        assertThat(from.getDomAttribute("inputmode")).isEqualTo("numeric");
        assertThat(from.getDomAttribute("placeholder")).isEqualTo("dd/mm/yyyy");
        type(browser, "range-from", "01/01/2019");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("from=2019-01-01"));
        type(browser, "range-to", "31/12/2019");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("to=2019-12-31"));
        String year = vi(sessionsOf(city, "2019-01-01", "2019-12-31"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(figure(browser, ".indicator[data-indicator=sessions] .figure")).isEqualTo(year));
        assertThat(browser.findElement(By.id("range-from")).getDomProperty("value")).as("shown as typed").isEqualTo("01/01/2019");

        String url = browser.getCurrentUrl();
        type(browser, "range-to", "31/02/2019");
        awaitText(browser, "Không có ngày này trong lịch.");
        assertThat(browser.findElement(By.id("range-to")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("range-to")).getDomAttribute("aria-describedby")).contains("range-to-error");
        type(browser, "range-from", "2019-01-01");
        awaitText(browser, "Hãy nhập ngày theo dạng dd/mm/yyyy");
        assertThat(browser.getCurrentUrl()).as("nothing applied").isEqualTo(url);
        assertThat(figure(browser, ".indicator[data-indicator=sessions] .figure")).isEqualTo(year);

        browser.manage().window().setSize(new Dimension(390, 844));
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("web-program-custom-range-390x844.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(js(browser).executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        assertThat(js(browser).executeScript(SMALL_TARGETS)).as("controls under 24 × 24 px").asList().isEmpty();
        List<Rule> violations = new AxeBuilder().setLegacyMode(true)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(browser).getViolations().stream()
                .filter(rule -> List.of("serious", "critical").contains(rule.getImpact())).toList();
        assertThat(violations).as(violations.stream().map(Rule::getId).toList().toString()).isEmpty();

        browser.findElement(By.cssSelector(".language button[lang=en]")).click();
        awaitText(browser, "Enter the date as dd/mm/yyyy");
        type(browser, "range-to", "30/06/2019");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("to=2019-06-30"));
        String half = String.format(java.util.Locale.ROOT, "%,d", sessionsOf(city, "2019-01-01", "2019-06-30"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(figure(browser, ".indicator[data-indicator=sessions] .figure")).isEqualTo(half));
        Files.write(SCREENSHOTS.resolve("web-program-custom-range-en-390x844.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.cssSelector(".language button[lang=vi]")).click();
    }

    @Test
    @Order(8)
    void anExpiredSessionSendsThePersonToSignInAndBackToTheSamePage() throws Exception {
        String path = "/programs/" + program + "?period=y2019&unit=" + communeA;
        WebDriver browser = signedIn("city", path);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b -> !b.findElements(By.cssSelector(".indicator[data-indicator=sessions] .figure")).isEmpty());
        js(browser).executeScript("window.__sameDocument = true;");

        // the session ends at the gateway while the page is open; the browser still holds its cookie
        String cookie = browser.manage().getCookieNamed(WebSignIn.COOKIE).getValue();
        var http = HttpClient.newHttpClient();
        var session = Gateway.json(http.send(HttpRequest.newBuilder(URI.create(phoihop.gatewayUrl() + "/auth/session"))
                .header("Cookie", WebSignIn.COOKIE + "=" + cookie).GET().build(), HttpResponse.BodyHandlers.ofString()));
        var out = http.send(HttpRequest.newBuilder(URI.create(phoihop.gatewayUrl() + "/auth/sign-out"))
                .header("Cookie", WebSignIn.COOKIE + "=" + cookie).header("X-CSRF-Token", session.path("csrfToken").asString())
                .header("Origin", phoihop.gatewayUrl()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        var expired = http.send(HttpRequest.newBuilder(URI.create(phoihop.gatewayUrl() + "/api/v1/programs/" + program))
                .header("Cookie", WebSignIn.COOKIE + "=" + cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(Gateway.json(expired).path("type").asString()).endsWith("/session-expired");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("select[name=period]")))
                .selectByValue("q2019-3");
        String back = phoihop.gatewayUrl() + "/programs/" + program + "?period=q2019-3&unit=" + communeA;
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "not at sign-in; at " + browser.getCurrentUrl())
                .until(b -> !b.getCurrentUrl().equals(back) || !b.findElements(By.id("username")).isEmpty()
                        || !Boolean.TRUE.equals(js(b).executeScript("return window.__sameDocument === true")));
        if (!browser.findElements(By.id("username")).isEmpty()) {
            browser.findElement(By.id("username")).sendKeys(usernames.get("city"));
            browser.findElement(By.id("password")).sendKeys(passwords.get("city"));
            browser.findElement(By.cssSelector("button[type=submit]")).click();
        }
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "not back on the page; at " + browser.getCurrentUrl())
                .until(b -> b.getCurrentUrl().equals(back) && !b.findElements(By.cssSelector(".indicator .figure")).isEmpty());
        assertThat(js(browser).executeScript("return window.__sameDocument === true")).as("signed in again: a new page load")
                .isEqualTo(false);
        assertThat(browser.findElement(By.cssSelector("select[name=period]")).getDomProperty("value")).isEqualTo("q2019-3");
        assertThat(text(browser)).contains("Phường Ninh Kiều");
    }

    /** The calls to a progress endpoint the page made since it was loaded. */
    private static List<String> progressCalls(WebDriver browser) {
        Object names = js(browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/progress'))");
        return ((List<?>) names).stream().map(Object::toString).toList();
    }

    /** Types into a field as a person does, then leaves it (the change event). */
    private static void type(WebDriver browser, String id, String text) {
        // select and overwrite, as clear() would apply an empty field first
        browser.findElement(By.id(id)).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                text, org.openqa.selenium.Keys.TAB);
    }

    // ---- the browser

    /** Visible controls smaller than 24 × 24 px (WCAG 2.2, 2.5.8), by their text. */
    static final String SMALL_TARGETS = """
            return [...document.querySelectorAll('a, button, select, input, summary, [role=button]')]
              .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                  && r.right > 0 && r.left < innerWidth && getComputedStyle(e).visibility !== 'hidden'; })
              .filter(e => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
              .map(e => e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 40));
            """;

    private WebDriver signedIn(String who, String path) {
        WebDriver browser = SignInBrowserE2EIT.Chromium.start();
        browsers.add(browser);
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.get(phoihop.gatewayUrl() + path);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "no sign-in page; at " + browser.getCurrentUrl())
                .until(b -> !b.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(usernames.get(who));
        browser.findElement(By.id("password")).sendKeys(passwords.get(who));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "not back on " + path + "; at " + browser.getCurrentUrl())
                .until(b -> b.getCurrentUrl().equals(phoihop.gatewayUrl() + path)
                        && !b.findElements(By.cssSelector("ph-app main h1")).isEmpty());
        return browser;
    }

    private static final Map<String, String> usernames = new LinkedHashMap<>();

    private static JavascriptExecutor js(WebDriver browser) {
        return (JavascriptExecutor) browser;
    }

    private static String text(WebDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void awaitText(WebDriver browser, String wanted) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(text(browser)).contains(wanted));
    }

    private static List<String> figures(WebDriver browser) {
        return browser.findElements(By.cssSelector(".indicator .figure")).stream().map(e -> e.getText()).toList();
    }

    private static String figure(WebDriver browser, String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private static String badge(WebDriver browser) {
        return browser.findElement(By.cssSelector(".live-badge")).getDomAttribute("data-state");
    }

    private static void awaitLive(WebDriver browser) {
        await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(badge(browser)));
    }

    /** The sum of the figures the monthly chart draws, read from the chart's own option. */
    private static double chartTotal(WebDriver browser) {
        Object total = js(browser).executeScript("""
                const chart = document.querySelector('section.series ph-chart');
                return chart && chart.option ? chart.option.series[0].data.reduce((a, b) => a + (b || 0), 0) : -1;""");
        return ((Number) total).doubleValue();
    }

    /** 1360000 as the Vietnamese page writes it: 1.360.000. */
    static String vi(long figure) {
        return String.format(java.util.Locale.ROOT, "%,d", figure).replace(',', '.');
    }

    // ---- set-up

    private static boolean signInServed() throws Exception {
        var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var answer = http.send(HttpRequest.newBuilder(URI.create(phoihop.gatewayUrl() + "/auth/sign-in?return=/"))
                .GET().build(), HttpResponse.BodyHandlers.discarding());
        return answer.statusCode() / 100 == 3;
    }

    private static String user(String username, String displayName, String unitId) throws Exception {
        var created = admin.post("/api/v1/users", Map.of("username", username, "displayName", displayName,
                "roles", List.of("VIEWER"), "unitId", unitId, "agency", "FRONT"));
        assertThat(created.statusCode()).as(Gateway.describe(created)).isEqualTo(201);
        usernames.put(unitId.equals(city) ? "city" : "communeA", username);
        return Gateway.json(created).path("password").asString();
    }

    private static long sessionsOf(String unitId, String from, String to) throws Exception {
        return actualOf(unitId, "sessions", from, to);
    }

    private static long actualOf(String unitId, String indicator, String from, String to) throws Exception {
        var progress = Gateway.json(admin.get("/api/v1/programs/" + program + "/progress?unitId=" + unitId
                + "&from=" + from + "&to=" + to));
        for (var row : progress.path("indicators")) {
            if (row.path("code").asString().equals(indicator)) {
                return row.path("actual").asLong();
            }
        }
        return -1;
    }

    private static String activeProgram(String code, String title, String scope) throws Exception {
        String id = id(admin.post("/api/v1/programs", Map.of("code", code, "aliases", List.of(), "title", title,
                "kind", "COORDINATION_PROGRAM", "issuers", List.of("Bộ Công an", "Ủy ban Trung ương MTTQ Việt Nam"),
                "startsOn", "2019-01-01", "endsOn", "2030-12-31", "scopeUnitId", scope)));
        for (var indicator : List.of(List.of("sessions", "Buổi tuyên truyền", "buổi"), List.of("attendances", "Lượt người nghe", "lượt"))) {
            var answer = admin.post("/api/v1/programs/" + id + "/indicators", Map.of("code", indicator.get(0),
                    "name", indicator.get(1), "unitOfMeasure", indicator.get(2), "aggregation", "SUM"));
            assertThat(answer.statusCode()).as(Gateway.describe(answer)).isEqualTo(201);
        }
        var latest = admin.post("/api/v1/programs/" + id + "/indicators", Map.of("code", "teams",
                "name", "Tổ an ninh nhân dân", "unitOfMeasure", "tổ", "aggregation", "LATEST"));
        assertThat(latest.statusCode()).as(Gateway.describe(latest)).isEqualTo(201);
        var ratio = admin.post("/api/v1/programs/" + id + "/indicators", Map.of("code", "perSession",
                "name", "Lượt nghe mỗi buổi", "aggregation", "RATIO", "numeratorCode", "attendances", "denominatorCode", "sessions"));
        assertThat(ratio.statusCode()).as(Gateway.describe(ratio)).isEqualTo(201);
        var target = admin.post("/api/v1/programs/" + id + "/targets", Map.of("indicatorCode", "sessions", "unitId", scope,
                "periodStart", "2019-01-01", "periodEnd", "2019-12-31", "value", 25_000));
        assertThat(target.statusCode()).as(Gateway.describe(target)).isIn(200, 201);
        admin.post("/api/v1/programs/" + id + "/enrollments", Map.of("unitId", scope));
        var activated = admin.post("/api/v1/programs/" + id + "/activate", null);
        assertThat(activated.statusCode()).as(Gateway.describe(activated)).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        var unit = new LinkedHashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind, "validFrom", "2010-01-01"));
        if (parentId != null) {
            unit.put("parentId", parentId);
        }
        return unit;
    }

    private static Map<String, Object> activity(String unitId, String day, long sessions, long attendances) {
        return Map.of("programId", program, "unitId", unitId, "coUnitIds", List.of(), "type", "PROPAGANDA_SESSION",
                "occurredOn", day, "title", "Tuyên truyền tại khu vực " + day,
                "metrics", Map.of("sessions", sessions, "attendances", attendances));
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(201);
        return Gateway.json(response).path("id").asString();
    }
}
