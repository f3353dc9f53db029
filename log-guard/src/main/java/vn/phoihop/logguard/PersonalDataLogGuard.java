package vn.phoihop.logguard;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which a log line carried personal data. Registered for every test class of every module
 * by JUnit's extension auto-detection ({@code META-INF/services}; the build switches auto-detection on), it
 * <ul>
 * <li>checks before each class, and after each test, that the guard sees every log line
 * ({@link PersonalDataGuard#requireInstalled()}): a Spring context reconfigures logging when it starts;</li>
 * <li>after each test, fails it with every leak the guard has recorded since the previous check, redacted;</li>
 * <li>after each class, fails the class with the leaks logged outside its tests: in {@code @BeforeAll} and
 * {@code @AfterAll}, while a context started, or by a background thread between tests.</li>
 * </ul>
 * A line logged by a background thread is blamed on whatever test runs when it is logged; the message names the
 * thread. Lines logged after the last test (contexts closing as the JVM exits) are caught by the build's final
 * scan of the captured logs ({@link CapturedLog#main}).
 */
public class PersonalDataLogGuard implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        PersonalDataGuard.requireInstalled();
        PersonalDataLeaks.during(context.getRequiredTestClass().getName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        PersonalDataLeaks.during(context.getRequiredTestClass().getName() + " " + context.getDisplayName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PersonalDataGuard.requireInstalled();
        failOn(PersonalDataLeaks.take(), "this test");
        PersonalDataLeaks.during(context.getRequiredTestClass().getName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestRun.finished(context.getRequiredTestClass());
        PersonalDataLeaks.during("no test (after " + context.getRequiredTestClass().getName() + ")");
        failOn(PersonalDataLeaks.take(), "this test class, outside its tests");
    }

    private static void failOn(List<Leak> leaks, String when) {
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " log line(s) written during " + when + " carried personal data "
                    + "(Decree 13/2023: phone numbers, citizen identity numbers and names never go to logs). Shown "
                    + "redacted:\n" + leaks.stream().map(Leak::toString).collect(Collectors.joining("\n")));
        }
    }
}
