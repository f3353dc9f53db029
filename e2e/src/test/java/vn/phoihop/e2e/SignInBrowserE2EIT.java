package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person signs in to a dashboard served from another origin, in a real browser (headless Chromium), through the
 * gateway of the packaged system: the dashboard starts an authorization code + PKCE flow, the sign-in page (in
 * Vietnamese by default) takes the password, the browser is sent back to the dashboard with a code, and the
 * dashboard's script exchanges it cross-origin and reads the API with the token. This is what the gateway's
 * security headers (CSP {@code form-action} on the sign-in page) and CORS must allow, and only a browser enforces them.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SignInBrowserE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();

    private static Phoihop phoihop;
    private static Gateway admin;
    private static Dashboard dashboard;
    private static String unitId;
    private static String username;
    private static String password;

    private WebDriver browser;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void startTheSystemAndTheDashboard() throws Exception {
        dashboard = Dashboard.start();
        phoihop = Phoihop.startFresh("signin", SECRET, Map.of(
                "DASHBOARD_REDIRECT_URIS", dashboard.origin() + "/callback",
                "PHOIHOP_GATEWAY_CORS_ALLOWED_ORIGINS", dashboard.origin()));
        dashboard.gatewayUrl = phoihop.gatewayUrl();
        admin = new Gateway(phoihop.gatewayUrl());
        admin.token = Gateway.json(admin.requestToken(SECRET)).path("access_token").asString();

        var unit = admin.post("/api/v1/units", Map.of("code", "E2E-SIGNIN-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Công an xã Tân Thới", "kind", "COMMUNE", "validFrom", "2025-07-01"));
        assertThat(unit.statusCode()).as(Gateway.describe(unit)).isEqualTo(201);
        unitId = Gateway.json(unit).path("id").asString();

        username = "can.bo." + UUID.randomUUID().toString().substring(0, 8);
        var user = admin.post("/api/v1/users", Map.of("username", username, "displayName", "Trần Thị Bình",
                "roles", List.of("UNIT_OFFICER"), "unitId", unitId, "agency", "POLICE"));
        assertThat(user.statusCode()).as(Gateway.describe(user)).isEqualTo(201);
        password = Gateway.json(user).path("password").asString();
    }

    @AfterAll
    static void stopEverything() {
        if (dashboard != null) {
            dashboard.server.stop(0);
        }
        if (phoihop != null) {
            phoihop.kill();
        }
    }

    @BeforeEach
    void openABrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonSignsInInVietnameseAndTheDashboardOnAnotherOriginReadsTheApi() {
        browser.get(dashboard.origin() + "/");

        awaitSignInPage();
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("vi");
        assertThat(browser.getTitle()).isEqualTo("Đăng nhập phoihop");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        String outcome = awaitDashboardOutcome();
        assertThat(outcome).as("the dashboard's title after the sign-in; page: %s", browser.getPageSource())
                .isEqualTo("units 200");
        assertThat(browser.getCurrentUrl()).startsWith(dashboard.origin() + "/callback?code=");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .as("the officer's own commune, read with the token the dashboard got").contains(unitId);
    }

    @Test
    void aWrongPasswordStaysOnTheSignInPageWithTheErrorAndSendsNoCode() {
        browser.get(dashboard.origin() + "/");

        awaitSignInPage();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password + "x");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "not refused; at " + browser.getCurrentUrl() + ": " + browser.getPageSource())
                .until(b -> b.getCurrentUrl().contains("/login?error"));
        assertThat(browser.getCurrentUrl()).startsWith(phoihop.gatewayUrl()).doesNotContain("code=");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Tên đăng nhập hoặc mật khẩu không đúng.").doesNotContain(password);
    }

    private void awaitSignInPage() {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "no sign-in page; at " + browser.getCurrentUrl() + ": " + browser.getPageSource())
                .until(b -> b.getCurrentUrl().startsWith(phoihop.gatewayUrl() + "/login")
                        && !b.findElements(By.id("username")).isEmpty());
    }

    /** The dashboard's script writes {@code units <status>} or {@code error: …} into its title when it is done. */
    private String awaitDashboardOutcome() {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .withMessage(() -> "the browser did not get back to the dashboard; at " + browser.getCurrentUrl()
                        + ": " + browser.getPageSource())
                .until(b -> b.getCurrentUrl().startsWith(dashboard.origin() + "/callback")
                        && (b.getTitle().startsWith("units ") || b.getTitle().startsWith("error"))
                        ? b.getTitle() : null);
    }

    /** Debian's Chromium, headless, with nothing that reaches for the internet (the machine has none). */
    static final class Chromium {

        static WebDriver start() {
            var options = new org.openqa.selenium.chrome.ChromeOptions();
            options.setBinary(System.getProperty("phoihop.chromium", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run");
            // a person in Viet Nam: the sign-in page follows the browser's languages
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi-VN,vi,en"));
            var service = new org.openqa.selenium.chrome.ChromeDriverService.Builder()
                    .usingDriverExecutable(new java.io.File(System.getProperty("phoihop.chromedriver", "/usr/bin/chromedriver")))
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        }
    }

    /**
     * A dashboard on an origin of its own (127.0.0.1, another port): {@code /} starts the sign-in with a fresh PKCE
     * verifier kept in the tab's session storage; {@code /callback} checks the state, exchanges the code and lists
     * units with the token, writing the outcome into its title.
     */
    static final class Dashboard {

        final HttpServer server;
        volatile String gatewayUrl;

        private Dashboard(HttpServer server) {
            this.server = server;
        }

        static Dashboard start() throws IOException {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var dashboard = new Dashboard(server);
            server.createContext("/", exchange -> {
                String page = switch (exchange.getRequestURI().getPath()) {
                    case "/" -> START.formatted(dashboard.gatewayUrl);
                    case "/callback" -> CALLBACK.formatted(dashboard.gatewayUrl);
                    default -> null;
                };
                byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return dashboard;
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private static final String START = """
                <!doctype html><meta charset="utf-8"><title>dashboard</title>
                <script>
                const gateway = '%s';
                const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes)))
                    .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
                (async () => {
                  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
                  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
                  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
                  sessionStorage.setItem('signin', JSON.stringify({verifier, state}));
                  location.href = gateway + '/oauth2/authorize?' + new URLSearchParams({response_type: 'code',
                      client_id: 'dashboard', redirect_uri: location.origin + '/callback', state,
                      code_challenge: challenge, code_challenge_method: 'S256'});
                })().catch(e => document.title = 'error: ' + e);
                </script>
                """;

        private static final String CALLBACK = """
                <!doctype html><meta charset="utf-8"><title>signing in</title><body>
                <script>
                const gateway = '%s';
                (async () => {
                  const query = new URLSearchParams(location.search);
                  const {verifier, state} = JSON.parse(sessionStorage.getItem('signin'));
                  if (query.get('state') !== state) throw 'state does not match';
                  const token = await fetch(gateway + '/oauth2/token', {method: 'POST', body: new URLSearchParams({
                      grant_type: 'authorization_code', code: query.get('code'), client_id: 'dashboard',
                      redirect_uri: location.origin + '/callback', code_verifier: verifier})});
                  if (!token.ok) throw 'token ' + token.status + ' ' + await token.text();
                  const units = await fetch(gateway + '/api/v1/units?limit=5',
                      {headers: {Authorization: 'Bearer ' + (await token.json()).access_token}});
                  document.body.textContent = await units.text();
                  document.title = 'units ' + units.status;
                })().catch(e => document.title = 'error: ' + e);
                </script>
                """;
    }
}
