package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every page of the web app must pass, as the browser tests check it: at each size a screenshot under
 * {@code target/screenshots/}; at a phone's width nothing wider than the screen and every control at least
 * 24 × 24 px; no serious or critical axe-core violation of WCAG 2.2 A/AA.
 */
final class PageChecks {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final List<int[]> PHONE_AND_LAPTOP = List.of(new int[] {390, 844}, new int[] {1366, 768});
    static final List<int[]> SMALL_PHONE_PHONE_AND_LAPTOP = List.of(new int[] {360, 800}, new int[] {390, 844},
            new int[] {1366, 768});

    private PageChecks() {
    }

    /** {@code controls}: a CSS selector of the page's controls, each of which must be at least 24 × 24 px on a phone. */
    static void check(ChromeDriver browser, String name, List<int[]> sizes, String controls) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int[] size : sizes) {
                int width = size[0];
                boolean phone = width < 500;
                browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", size[1],
                        "deviceScaleFactor", 1, "mobile", phone));
                awaitWidth(browser, name, width);
                Files.write(SCREENSHOTS.resolve(name + "-" + width + "x" + size[1] + ".png"),
                        browser.getScreenshotAs(OutputType.BYTES));
                if (phone) {
                    assertThat(((Number) browser.executeScript("return document.documentElement.scrollWidth")).intValue())
                            .as("%s: no horizontal scrolling at %d px", name, width).isLessThanOrEqualTo(width);
                    @SuppressWarnings("unchecked")
                    List<String> small = (List<String>) browser.executeScript("""
                            return [...document.querySelectorAll(arguments[0])]
                              .filter(e => e.offsetParent !== null)
                              .map(e => [e, e.getBoundingClientRect()])
                              .filter(([e, r]) => r.width < 24 || r.height < 24)
                              .map(([e, r]) => e.outerHTML.slice(0, 120) + ' ' + r.width + 'x' + r.height);""", controls);
                    assertThat(small).as("%s: controls smaller than 24 × 24 px at %d px", name, width).isEmpty();
                }
            }
            List<Rule> violations = new AxeBuilder()
                    .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                    .analyze(browser).getViolations().stream()
                    .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                    .toList();
            assertThat(violations).as("%s: axe-core violations %s", name, violations.stream()
                    .map(rule -> rule.getId() + " " + rule.getNodes().stream().map(node -> node.getTarget().toString()).toList())
                    .toList()).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** A phone's viewport grows to fit what is wider than the screen: a failure names what is. */
    private static void awaitWidth(ChromeDriver browser, String name, int width) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ((Number) browser.executeScript("return window.innerWidth")).intValue() == width);
        } catch (ConditionTimeoutException wider) {
            // told below, with what is wider
        }
        assertThat(((Number) browser.executeScript("return window.innerWidth")).intValue())
                .as("%s at %d px: wider than the screen: %s", name, width, browser.executeScript("""
                        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > arguments[0] + 1)
                          .slice(-8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));""", width))
                .isEqualTo(width);
    }
}
