package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's units, reviews and admin pages in headless Chromium, on the packaged system, signed in through
 * the gateway as real people: a commune's officer, one who may read personal data, and an administrator. Every
 * page is also checked at a phone's size (no horizontal scrolling, controls of 24 × 24 px or more), with axe-core
 * (no serious or critical WCAG 2.2 A/AA violation), and photographed under {@code target/screenshots/}.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class WebPagesE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String MEMBER = "Lê Thị Hoa";
    private static final String NEIGHBOUR_MEMBER = "Phạm Văn Lâm";
    private static final String PHONE = "0912345678";
    private static final List<String> SECRETS = new ArrayList<>();

    private static Phoihop phoihop;
    private static Gateway admin;
    private static String province;
    private static String ninhKieu;
    private static String phuocThoi;
    private static String program;
    private static Person officer;
    private static Person reader;
    private static Person administrator;

    private final List<ChromeDriver> browsers = new ArrayList<>();

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    record Person(String username, String password) {
    }

    @BeforeAll
    static void cầnThơBeforeAndAfterTheReform() throws Exception {
        Gateway.SERVER_ERRORS.clear();
        phoihop = Phoihop.startFresh("web-pages", SECRET, Map.of());
        admin = new Gateway(phoihop.gatewayUrl());
        Assumptions.assumeTrue(admin.get("/auth/session").statusCode() == 401,
                "the gateway has no web sign-in yet (/auth/session); it comes with the web-signin branch");
        admin.token = Gateway.json(admin.requestToken(SECRET)).path("access_token").asString();

        // Ninh Kiều, Cần Thơ: three wards of the district merged into one ward of the city on 2025-07-01
        province = created(admin.post("/api/v1/units", unit("92", "Thành phố Cần Thơ", "PROVINCE", null)));
        String district = created(admin.post("/api/v1/units", unit("916", "Quận Ninh Kiều", "DISTRICT", province)));
        String caiKhe = created(admin.post("/api/v1/units", unit("31117", "Phường Cái Khế", "COMMUNE", district)));
        String anHoa = created(admin.post("/api/v1/units", unit("31120", "Phường An Hòa", "COMMUNE", district)));
        String thoiBinh = created(admin.post("/api/v1/units", unit("31123", "Phường Thới Bình", "COMMUNE", district)));
        var merge = admin.post("/api/v1/units/merge", Map.of("sourceIds", List.of(caiKhe, anHoa, thoiBinh),
                "target", Map.of("code", "31135", "name", "Phường Ninh Kiều", "kind", "COMMUNE", "parentId", province),
                "effectiveDate", "2025-07-01"));
        assertThat(merge.statusCode()).as(Gateway.describe(merge)).isBetween(200, 201);
        ninhKieu = Gateway.json(merge).path("target").path("id").asString();
        assertThat(ninhKieu).isNotBlank();
        phuocThoi = created(admin.post("/api/v1/units", Map.of("code", "31162", "name", "Phường Phước Thới",
                "kind", "COMMUNE", "parentId", province, "validFrom", "2025-07-01")));
        assertThat(created(admin.post("/api/v1/units/" + phuocThoi + "/members", Map.of("fullName", NEIGHBOUR_MEMBER,
                "role", "TEAM_LEADER", "phone", "0987654321", "joinedOn", "2025-08-01")))).isNotBlank();
        assertThat(created(admin.post("/api/v1/units/" + ninhKieu + "/members", Map.of("fullName", MEMBER,
                "role", "TEAM_LEADER", "phone", PHONE, "nationalId", "092190001234", "joinedOn", "2025-07-15")))).isNotBlank();

        officer = user("UNIT_OFFICER", ninhKieu, List.of());
        reader = user("UNIT_OFFICER", ninhKieu, List.of("pii:read"));
        administrator = user("ADMIN", province, List.of());

        program = created(admin.post("/api/v1/programs", Map.of("code", "CT-" + UUID.randomUUID().toString().substring(0, 6),
                "aliases", List.of(), "title", "Toàn dân bảo vệ an ninh Tổ quốc", "kind", "COORDINATION_PROGRAM",
                "issuers", List.of("Công an thành phố", "Ủy ban MTTQ thành phố"), "startsOn", "2025-01-01",
                "endsOn", "2026-12-31", "scopeUnitId", province)));
        ok(admin.post("/api/v1/programs/" + program + "/indicators", Map.of("code", "sessions",
                "name", "Buổi tuyên truyền", "unitOfMeasure", "buổi", "aggregation", "SUM")));
        ok(admin.post("/api/v1/programs/" + program + "/enrollments", Map.of("unitId", province)));
        ok(admin.post("/api/v1/programs/" + program + "/activate", Map.of()));
        var activity = Awaitility.await("unit-service knows the program").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> admin.post("/api/v1/activities", Map.of("programId", program,
                        "unitId", ninhKieu, "coUnitIds", List.of(), "type", "PROPAGANDA_SESSION", "occurredOn", "2025-09-02",
                        "title", "Tuyên truyền phòng chống lừa đảo", "metrics", Map.of("sessions", 23000))),
                        r -> r.statusCode() == 201);
        assertThat(activity.statusCode()).isEqualTo(201);
        Awaitility.await("the figures count the activity").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Gateway.json(admin.get("/api/v1/programs/" + program + "/progress?unitId=" + province))
                        .path("indicators").get(0).path("actual").asDouble() == 23000);
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
    void aCommunesOfficerSeesTheirUnitAndMembersMaskedAndNothingOfANeighbour() {
        ChromeDriver browser = signIn(officer, "/units");
        awaitText(browser, "Phường Ninh Kiều");
        assertThat(text(browser)).doesNotContain("Phường Phước Thới").doesNotContain("Thành phố Cần Thơ");
        checkPage(browser, "units");

        open(browser, "/units/" + ninhKieu);
        awaitText(browser, MEMBER);
        assertThat(text(browser)).contains("091****678").doesNotContain(PHONE).doesNotContain("092190001234");
        assertThat(browser.findElements(By.name("purpose"))).as("no pii:read, no way to unmask").isEmpty();
        checkPage(browser, "unit");

        // the neighbouring ward: neither its page nor its members
        open(browser, "/units/" + phuocThoi);
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "no problem shown: " + text(browser))
                .until(b -> !b.findElements(By.cssSelector("ph-unit-page .problem[role=alert]")).isEmpty());
        assertThat(text(browser)).doesNotContain(NEIGHBOUR_MEMBER).doesNotContain("Phường Phước Thới");
        assertThat(fetch(browser, "GET", "/api/v1/units/" + phuocThoi + "/members")).matches("40[34] .*")
                .doesNotContain(NEIGHBOUR_MEMBER);
    }

    @Test
    void unmaskingNeedsPiiReadAndAPurpose() {
        ChromeDriver browser = signIn(reader, "/units/" + ninhKieu);
        awaitText(browser, MEMBER);
        assertThat(text(browser)).doesNotContain(PHONE);

        // without a purpose the form refuses and nothing is read in full
        browser.findElement(By.cssSelector("form.unmask button[type=submit]")).click();
        assertThat(browser.findElement(By.name("purpose")).getDomProperty("validationMessage")).isNotBlank();
        browser.findElement(By.name("purpose")).sendKeys("   ");
        browser.findElement(By.cssSelector("form.unmask button[type=submit]")).click();
        assertThat(text(browser)).doesNotContain(PHONE);

        browser.findElement(By.name("purpose")).sendKeys("Gọi tổ trưởng xác minh vụ việc");
        browser.findElement(By.cssSelector("form.unmask button[type=submit]")).click();
        awaitText(browser, PHONE);
        assertThat(text(browser)).contains("092190001234").contains("ghi nhật ký");
        checkPage(browser, "unit-unmasked");
    }

    @Test
    void theAsOfDateShowsTheTreeBeforeAndAfterTheReform() {
        ChromeDriver browser = signIn(administrator, "/units?asOf=2025-06-30");
        WebElement city = awaitUnit(browser, province);
        city.findElement(By.cssSelector("button.toggle")).click();
        awaitText(browser, "Quận Ninh Kiều");
        assertThat(text(browser)).doesNotContain("Phường Ninh Kiều");
        browser.findElement(By.cssSelector("[data-code='916'] button.toggle")).click();
        awaitText(browser, "Phường Cái Khế");
        checkPage(browser, "units-2025-06-30");

        open(browser, "/units?asOf=2025-07-01");
        awaitUnit(browser, province).findElement(By.cssSelector("button.toggle")).click();
        awaitText(browser, "Phường Ninh Kiều");
        browser.findElement(By.cssSelector("[data-code='916'] button.toggle")).click();
        awaitText(browser, "Không có đơn vị trực thuộc.");
        assertThat(text(browser)).doesNotContain("Phường Cái Khế");

        // diacritic-blind search, on either side of the reform
        open(browser, "/units?asOf=2025-06-30&q=cai%20khe");
        awaitText(browser, "Phường Cái Khế");
        open(browser, "/units?asOf=2025-07-01&q=cai%20khe");
        awaitText(browser, "Không có đơn vị nào.");
    }

    @Test
    void aReviewIsFrozenShownPrintedToPdfAndExported() throws Exception {
        ChromeDriver browser = signIn(administrator, "/programs/" + program);
        awaitText(browser, "Toàn dân bảo vệ an ninh Tổ quốc");
        browser.findElement(By.cssSelector(".program-links a")).click();
        awaitText(browser, "Tạo đợt sơ kết, tổng kết");
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the units a review may be for, by name")
                .until(b -> new Select(b.findElement(By.name("unitId"))).getOptions().stream().map(WebElement::getText)
                        .toList().equals(List.of("Thành phố Cần Thơ", "Phường Ninh Kiều", "Phường Phước Thới", "Quận Ninh Kiều")));
        checkPage(browser, "reviews");
        browser.findElement(By.name("title")).sendKeys("Sơ kết năm 2025");
        setValue(browser, "periodStart", "2025-01-01");
        setValue(browser, "periodEnd", "2025-12-31");
        browser.findElement(By.cssSelector("form.review-form button[type=submit]")).click();

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.getCurrentUrl().matches(".*/reviews/[^/]+$"));
        awaitText(browser, "23.000");
        assertThat(text(browser)).contains("Sơ kết năm 2025").contains("01/01/2025 – 31/12/2025").contains("Buổi tuyên truyền");
        checkPage(browser, "review");

        // a later activity does not move the frozen figure
        ok(admin.post("/api/v1/activities", Map.of("programId", program, "unitId", ninhKieu, "coUnitIds", List.of(),
                "type", "PROPAGANDA_SESSION", "occurredOn", "2025-10-02", "title", "Tuyên truyền", "metrics", Map.of("sessions", 7))));

        @SuppressWarnings("unchecked")
        var printed = (Map<String, Object>) browser.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27,
                "paperHeight", 11.69, "printBackground", false));
        byte[] pdf = Base64.getDecoder().decode((String) printed.get("data"));
        Files.write(SCREENSHOTS.resolve("review.pdf"), pdf);
        String report;
        try (var document = Loader.loadPDF(pdf)) {
            report = new PDFTextStripper().getText(document);
        }
        assertThat(report).contains("Toàn dân bảo vệ an ninh Tổ quốc", "Sơ kết năm 2025", "01/01/2025 – 31/12/2025",
                "Buổi tuyên truyền", "23.000", "Khen thưởng");
        assertThat(report).as("no header, navigation or buttons in print")
                .doesNotContain("Đăng xuất", "In báo cáo", "Tải XLSX");

        String xlsx = download(browser, ".actions a[href$='.xlsx']");
        assertThat(xlsx).startsWith("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet PK");
        String csv = download(browser, ".actions a[href$='.csv']");
        assertThat(csv).startsWith("200 text/csv").contains("sessions,Buổi tuyên truyền,23000,");
    }

    @Test
    void adminPagesAreAnAdministratorsOnly() {
        ChromeDriver browser = signIn(administrator, "/admin");
        awaitText(browser, "Tạo ứng dụng");
        assertThat(browser.findElements(By.cssSelector(".main-nav a[href='/admin']"))).hasSize(1);
        checkPage(browser, "admin-clients");
        browser.findElement(By.name("name")).sendKeys("Cổng thông tin xã");
        browser.findElement(By.cssSelector("input[name=roles][value=PARTNER]")).click();
        browser.findElement(By.cssSelector("form.admin-form button[type=submit]")).click();
        WebElement secret = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.findElements(By.cssSelector(".secret-value")).stream().findFirst().orElse(null));
        String shown = secret.getText();
        SECRETS.add(shown);
        assertThat(shown).hasSizeGreaterThan(20);
        awaitText(browser, "Cổng thông tin xã");
        open(browser, "/admin?tab=clients");
        awaitText(browser, "Cổng thông tin xã");
        assertThat(text(browser)).as("a secret is shown once").doesNotContain(shown);

        open(browser, "/admin?tab=users");
        awaitText(browser, officer.username());
        awaitText(browser, "Phường Ninh Kiều");
        assertThat(text(browser)).as("a scope by the unit's name, not its id").doesNotContain(ninhKieu);
        checkPage(browser, "admin-users");
        open(browser, "/admin?tab=webhooks");
        awaitText(browser, "Đăng ký webhook");
        checkPage(browser, "admin-webhooks");

        ChromeDriver other = signIn(officer, "/programs");
        awaitText(other, "Chương trình");
        assertThat(other.findElements(By.cssSelector(".main-nav a[href='/admin']"))).isEmpty();
        open(other, "/admin");
        awaitText(other, "Bạn không có quyền xem nội dung này.");
        assertThat(fetch(other, "GET", "/api/v1/clients")).startsWith("403");
        assertThat(fetch(other, "GET", "/api/v1/users")).startsWith("403");
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
        return browser;
    }

    private static void open(ChromeDriver browser, String path) {
        browser.get(phoihop.gatewayUrl() + path);
    }

    private static String text(ChromeDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    private static void awaitText(ChromeDriver browser, String wanted) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .withMessage(() -> "no \"" + wanted + "\" at " + browser.getCurrentUrl() + ": " + text(browser))
                    .until(b -> text(browser).contains(wanted));
        } catch (org.openqa.selenium.TimeoutException e) {
            photographFailure(browser);
            throw e;
        }
    }

    /** What the page showed when a wait ran out, and what it had loaded: for the failure's report. */
    private static void photographFailure(ChromeDriver browser) {
        try {
            Path shot = SCREENSHOTS.resolve("failed-" + System.currentTimeMillis() + ".png");
            Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
            System.out.println("Screenshot of the failure: " + shot.toAbsolutePath() + "\nResources loaded: "
                    + browser.executeScript("return performance.getEntriesByType('resource').map(r => r.name + ' '"
                            + " + Math.round(r.duration) + ' ms').join('\\n')"));
        } catch (RuntimeException | IOException e) {
            System.out.println("No screenshot of the failure: " + e);
        }
    }

    private static WebElement awaitUnit(ChromeDriver browser, String unitId) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.findElements(By.cssSelector("li[data-unit-id='" + unitId + "']")).stream().findFirst().orElse(null));
    }

    private static void setValue(ChromeDriver browser, String name, String value) {
        browser.executeScript("const e = document.querySelector(`[name='${arguments[0]}']`); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));", name, value);
    }

    /** A call from the page with its session cookie: "<status> <content type> <first characters>". */
    private static String fetch(ChromeDriver browser, String method, String path) {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[1], {method: arguments[0], credentials: 'same-origin'})
                  .then(async r => done(r.status + ' ' + (r.headers.get('content-type') ?? '') + ' '
                    + (await r.text()).slice(0, 400)))
                  .catch(e => done('failed ' + e));""", method, path);
    }

    private static String download(ChromeDriver browser, String linkSelector) {
        String href = browser.findElement(By.cssSelector(linkSelector)).getDomAttribute("href");
        return fetch(browser, "GET", href);
    }

    private static void checkPage(ChromeDriver browser, String name) {
        PageChecks.check(browser, name, PageChecks.PHONE_AND_LAPTOP,
                "button, select, input:not([type=hidden]), summary, nav a, .actions a, .tabs a, td a, .unit-row a, .unit-list a, .breadcrumb a");
    }

    // ---- set-up

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        var unit = new java.util.LinkedHashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind,
                "validFrom", "2020-01-01"));
        if (parentId != null) {
            unit.put("parentId", parentId);
        }
        return unit;
    }

    private static Person user(String role, String unitId, List<String> permissions) throws Exception {
        String username = role.toLowerCase().replace('_', '.') + "." + UUID.randomUUID().toString().substring(0, 6);
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("username", username, "displayName", "Cán bộ " + username,
                "roles", List.of(role), "agency", "POLICE", "permissions", permissions));
        if (unitId != null) {
            body.put("unitId", unitId);
        }
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
