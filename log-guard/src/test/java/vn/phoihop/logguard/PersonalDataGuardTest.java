package vn.phoihop.logguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The guard's self-test: personal data logged on purpose, every way a line can carry it, is flagged, and a test
 * that logs it fails. Each leak here is made inside {@link PersonalDataGuard#deliberately} and acknowledged once
 * checked, so the build stays green and the captured log keeps only redacted copies.
 */
class PersonalDataGuardTest {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataGuardTest.class);

    static Stream<Arguments> waysALineCarriesPersonalData() {
        String phone = PersonalDataSamples.PHONE;
        return Stream.of(
                Arguments.of("the formatted message", (Consumer<String>) marker ->
                        log.info("{}: calling {}", marker, phone)),
                Arguments.of("an argument no placeholder shows", (Consumer<String>) marker ->
                        log.info("{}: member added", marker, phone)),
                Arguments.of("an MDC value", (Consumer<String>) marker -> {
                    MDC.put("caller", phone);
                    try {
                        log.info("{}: request", marker);
                    } finally {
                        MDC.remove("caller");
                    }
                }),
                Arguments.of("a key-value pair", (Consumer<String>) marker ->
                        log.atInfo().addKeyValue("phone", phone).log("{}: request", marker)),
                Arguments.of("an exception message", (Consumer<String>) marker ->
                        log.warn("{}: refused", marker, new IllegalArgumentException("bad phone " + phone))),
                Arguments.of("a cause's message", (Consumer<String>) marker ->
                        log.error("{}: failed", marker, new IllegalStateException("wrapped",
                                new RuntimeException("nationalId " + PersonalDataSamples.NATIONAL_ID)))),
                Arguments.of("a suppressed exception", (Consumer<String>) marker -> {
                    var e = new IllegalStateException("outer");
                    e.addSuppressed(new RuntimeException("closing for " + PersonalDataSamples.FULL_NAME));
                    log.error("{}: failed", marker, e);
                }),
                Arguments.of("a number of nobody the tests know", (Consumer<String>) marker ->
                        log.info("{}: calling +84351234567 about 079203001234", marker)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("waysALineCarriesPersonalData")
    void personalDataLoggedOnPurposeIsFlaggedAndKeptOutOfTheCapturedLog(String how, Consumer<String> logIt) {
        String marker = "self-test-" + UUID.randomUUID();

        List<Leak> flagged = PersonalDataGuard.deliberately(() -> logIt.accept(marker));

        assertThat(flagged).as(how).singleElement().satisfies(leak -> {
            assertThat(leak.logger()).isEqualTo(PersonalDataGuardTest.class.getName());
            assertThat(leak.redacted()).contains(marker).containsPattern("<(test-value|phone-number|national-id)>");
            assertThat(PersonalDataFinder.find(leak.redacted())).as("the report does not repeat the data").isEmpty();
            assertThat(leak.during()).contains("PersonalDataGuardTest");
        });
        assertThat(PersonalDataLeaks.since(flagged.get(0).sequence())).containsExactlyElementsOf(flagged);
        PersonalDataLeaks.acknowledge(flagged); // seen: this test stays green
        assertThat(PersonalDataLeaks.since(flagged.get(0).sequence())).isEmpty();
        assertThat(CapturedLog.read()).contains(marker + ":");
        assertThat(CapturedLog.leaks(CapturedLog.path())).as("the captured log has only the redacted copy").isEmpty();
    }

    @Test
    void aLineWithoutPersonalDataIsCapturedAsItIs() {
        String marker = "clean-" + UUID.randomUUID();
        MDC.put(PersonalDataGuard.REQUEST_ID, "req-" + marker);
        try {
            log.info("Member {} added as {}", marker, PersonalDataSamples.PHONE_MASKED);
        } finally {
            MDC.remove(PersonalDataGuard.REQUEST_ID);
        }
        assertThat(CapturedLog.read()).containsPattern("INFO  \\[req-" + marker + "\\] \\[[^]]+\\] "
                + "v\\.p\\.logguard\\.PersonalDataGuardTest - Member " + marker + " added as 098\\*\\*\\*\\*321");
    }

    private static volatile boolean fixtureRuns;

    static boolean runningTheFixture() {
        return fixtureRuns;
    }

    /** Not run by the build itself (a nested class): {@link #aTestThatLogsPersonalDataFails} launches it. */
    static class LeakingTests {

        @Test
        @EnabledIf("vn.phoihop.logguard.PersonalDataGuardTest#runningTheFixture")
        void logsAPhoneNumber() {
            log.info("Calling the team leader at {}", PersonalDataSamples.OTHER_PHONE_INTERNATIONAL);
        }
    }

    @Test
    void aTestThatLogsPersonalDataFails() {
        var summary = new SummaryGeneratingListener();
        fixtureRuns = true;
        try {
            PersonalDataGuard.deliberately(() -> LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LeakingTests.class))
                            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                            .configurationParameter("junit.jupiter.extensions.autodetection.include",
                                    "vn.phoihop.logguard.*")
                            .build(), summary));
        } finally {
            fixtureRuns = false;
        }

        assertThat(summary.getSummary().getTestsFailedCount()).isEqualTo(1);
        Throwable failure = summary.getSummary().getFailures().get(0).getException();
        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 log line(s) written during this test carried personal data")
                .hasMessageContaining("Calling the team leader at <phone-number>")
                .hasMessageContaining("LeakingTests logsAPhoneNumber()")
                .hasMessageNotContaining(PersonalDataSamples.OTHER_PHONE_INTERNATIONAL);
    }

    @Test
    void withoutTheGuardOnTheRootLoggerEveryTestFails() {
        var root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PersonalDataGuard.requireInstalled();
        Appender<ch.qos.logback.classic.spi.ILoggingEvent> guard = root.getAppender("PERSONAL_DATA_GUARD");
        root.detachAppender(guard);
        try {
            assertThatThrownBy(PersonalDataGuard::requireInstalled).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("phoihop-log-guard.xml");
        } finally {
            root.addAppender(guard);
        }
        PersonalDataGuard.requireInstalled();
    }
}
