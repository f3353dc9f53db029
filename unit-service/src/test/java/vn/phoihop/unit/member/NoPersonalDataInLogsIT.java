package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_INTERNATIONAL;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.logguard.CapturedLog;
import vn.phoihop.logguard.Leak;
import vn.phoihop.logguard.PersonalDataGuard;
import vn.phoihop.logguard.PersonalDataLeaks;
import vn.phoihop.logguard.ReadsCapturedLog;
import vn.phoihop.logguard.TestRun;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Greps the captured log of unit-service's integration tests for personal data. {@link ReadsCapturedLog} runs this
 * class after every other one of the JVM, so the log holds all they logged, MembersIT's adds, unmasked reads and
 * refused bodies full of personal data among them; the guard has already checked each line as it was written, and
 * the build scans the file again once the JVM has ended.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
@ReadsCapturedLog
class NoPersonalDataInLogsIT {

    @Autowired
    MockMvc mvc;

    @Test
    void theCapturedLogHoldsTheMemberTestsAndNoPersonalData() throws Exception {
        // traffic of its own, so that the log cannot lack what matters: an add, an audited unmasked read, refusals
        String requestId = "no-pii-in-logs-" + UUID.randomUUID();
        String team = created(mvc.perform(post("/api/v1/units").with(MembersIT.admin()).header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"L-" + requestId.substring(15, 23)
                        + "\",\"name\":\"Tổ tự quản khu trọ\",\"kind\":\"SELF_MANAGEMENT_TEAM\"}")));
        String member = created(mvc.perform(post("/api/v1/units/{u}/members", team).with(MembersIT.admin())
                .header("X-Request-Id", requestId).contentType(MediaType.APPLICATION_JSON)
                .content(MembersIT.member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null))));
        mvc.perform(get("/api/v1/units/{u}/members/{m}", team, member).with(MembersIT.piiReader())
                        .header("X-Request-Id", requestId).header("X-Purpose", "log-scan"))
                .andExpect(jsonPath("$.phone").value(PHONE)).andExpect(jsonPath("$.nationalId").value(NATIONAL_ID));
        for (String refused : List.of(
                MembersIT.member(FULL_NAME, "TEAM_LEADER", PHONE_INTERNATIONAL, NATIONAL_ID + "9", "2025-08-01", null),
                "{\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"phone\":[\"" + PHONE + "\"]}")) {
            mvc.perform(post("/api/v1/units/{u}/members", team).with(MembersIT.admin()).header("X-Request-Id", requestId)
                    .contentType(MediaType.APPLICATION_JSON).content(refused)).andExpect(status().isBadRequest());
        }

        String log = CapturedLog.read();

        assertThat(log).as("this test's add, under its request id")
                .containsPattern(Pattern.quote("[" + requestId + "]") + ".* Member " + member + " added to unit " + team);
        if (TestRun.includes(MembersIT.class)) {
            assertThat(TestRun.hasFinished(MembersIT.class)).as("MembersIT ran before the log was read").isTrue();
            assertThat(log).as("MembersIT's adds, under their request ids")
                    .containsPattern("\\[" + MembersIT.REQUEST_ID_PREFIX + "[0-9a-f-]{36}\\] .* Member \\S+ added to unit ");
        }
        assertThat(CapturedLog.leaks(CapturedLog.path())).as("captured log lines with personal data, redacted").isEmpty();
        assertThat(log).doesNotContain(PHONE, PHONE.substring(1), NATIONAL_ID, FULL_NAME);
    }

    @Test
    void theGuardSeesTheServiceLoggingAndFlagsAPhoneNumberLoggedOnPurpose() {
        // the Spring context reconfigured logback when it started; the guard must still be on the service's loggers
        PersonalDataGuard.requireInstalled();
        String marker = "guard-self-test-" + UUID.randomUUID();

        List<Leak> flagged = PersonalDataGuard.deliberately(() ->
                LoggerFactory.getLogger(MemberRoster.class).info("{}: calling the team leader at {}", marker, PHONE));

        assertThat(flagged).singleElement().satisfies(leak -> {
            assertThat(leak.logger()).isEqualTo(MemberRoster.class.getName());
            assertThat(leak.redacted()).contains(marker + ": calling the team leader at <phone-number>")
                    .doesNotContain(PHONE);
        });
        PersonalDataLeaks.acknowledge(flagged); // proven: the build stays green
        assertThat(CapturedLog.read().lines().filter(line -> line.contains(marker))).as("captured, redacted")
                .singleElement().asString().contains(": calling the team leader at <").doesNotContain(PHONE);
    }

    private static String created(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return JsonPath.read(result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }
}
