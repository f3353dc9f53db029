package vn.phoihop.program.program.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.ProgramKind;

/** Titles, aliases, issuers and indicator names are shown to people: nothing in them may hide or reorder text. */
class ProgramRequestTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final LocalDate DAY = LocalDate.parse("2025-01-01");

    @ParameterizedTest
    @ValueSource(strings = {"Ch\u01b0\u01a1ng tr\u00ecnh \u202E90", "\u2066B\u1ed9 C\u00f4ng an\u2069", "09\u200B/CTr",
            "Bu\u1ed5i\u0007"})
    void textWithControlsOrBidiCharactersIsRefusedInEveryFieldShownToPeople(String text) {
        assertThat(invalid(program(text, List.of(), List.of()))).containsExactly("title");
        assertThat(invalid(program("Ch\u01b0\u01a1ng tr\u00ecnh", List.of(text), List.of()))).containsExactly("aliases[0].<list element>");
        assertThat(invalid(program("Ch\u01b0\u01a1ng tr\u00ecnh", List.of(), List.of("B\u1ed9 C\u00f4ng an", text))))
                .containsExactly("issuers[1].<list element>");
        assertThat(invalid(new ProgramController.AddIndicator("sessions", text, null, Aggregation.SUM, null, null)))
                .containsExactly("name");
        assertThat(invalid(new ProgramController.AddIndicator("sessions", "Bu\u1ed5i", text, Aggregation.SUM, null, null)))
                .containsExactly("unitOfMeasure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ph\u1ed1i h\u1ee3p \u0111\u1ea9y m\u1ea1nh phong tr\u00e0o To\u00e0n d\u00e2n b\u1ea3o v\u1ec7 an ninh T\u1ed5 qu\u1ed1c",
            "\u1ee6y ban Trung \u01b0\u01a1ng MTTQ Vi\u1ec7t Nam"})
    void ordinaryTextIsAccepted(String text) {
        assertThat(invalid(program(text, List.of("09/Ctr-BCA-TTTW"), List.of(text)))).isEmpty();
        assertThat(invalid(new ProgramController.AddIndicator("sessions", text, "bu\u1ed5i", Aggregation.SUM, null, null)))
                .isEmpty();
    }

    private static ProgramController.CreateProgram program(String title, List<String> aliases, List<String> issuers) {
        return new ProgramController.CreateProgram("09/CTr-BCA-MTTW", aliases, title, ProgramKind.COORDINATION_PROGRAM,
                issuers, null, null, DAY, DAY.plusYears(1), null);
    }

    private static <T> Set<String> invalid(T request) {
        return VALIDATOR.validate(request).stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}
