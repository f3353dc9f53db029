package vn.phoihop.unit.activity.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.phoihop.unit.activity.ActivityType;

/** Titles, descriptions and reasons of activities are read by the other agency: they must read as written. */
class LogActivityTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @ValueSource(strings = {"Tuyên truyền \u202E001 ", "\u2067Tuần tra\u2069", "Họp\u200B", "Họp\u001B[2J"})
    void titlesDescriptionsAndReasonsWithControlsOrBidiCharactersAreRefused(String text) {
        assertThat(invalid(activity(text, null))).containsExactly("title");
        assertThat(invalid(activity("Tuyên truyền", text))).containsExactly("description");
        assertThat(invalid(new ActivityChangeController.Reject(text, null))).containsExactly("reason");
        assertThat(invalid(new ActivityChangeController.Correct(Map.of("sessions", java.math.BigDecimal.valueOf(1)), text, null)))
                .containsExactly("reason");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tuyên truyền tại khu vực 3", "Dòng 1\nDòng 2", "Số liệu\tđã sửa"})
    void ordinaryTextIsAcceptedAndLongTextMayBreakLines(String text) {
        assertThat(invalid(activity("Tuyên truyền", text))).isEmpty();
        assertThat(invalid(new ActivityChangeController.Reject(text, null))).isEmpty();
        assertThat(invalid(activity(text.replace('\n', ' ').replace('\t', ' '), null))).isEmpty();
    }

    private static LogActivity activity(String title, String description) {
        return new LogActivity(null, "p-1", "u-1", List.of(), ActivityType.PATROL, LocalDate.parse("2025-08-01"), title,
                description, Map.of("sessions", java.math.BigDecimal.valueOf(1)));
    }

    private static <T> Set<String> invalid(T request) {
        return VALIDATOR.validate(request).stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}
