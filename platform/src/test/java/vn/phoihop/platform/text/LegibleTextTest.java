package vn.phoihop.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegibleTextTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Named(@Legible String name, @Legible(lines = true) String description, List<@Legible String> aliases) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thành phố Cần Thơ", "Nguyễn Văn An", "Công an xã Đông Hòa (Tổ 3 – Ấp Mỹ)",
            "Tha\u0300nh pho\u0302\u0301", "09/CTr-BCA-MTTW", "شرطة", "דוד",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 Tổ tự quản", "\u0915\u094D\u200C\u0937"})
    void namesInAnyScriptReadAsTheyAre(String name) {
        assertThat(LegibleText.firstIllegible(name)).isEqualTo(-1);
        assertThat(VALIDATOR.validate(new Named(name, name, List.of(name)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u202Egnp.exe", "Xã \u202DAn\u202C Bình", "a\u202Ab", "a\u202Bb", "\u2066Tổ\u2069", "\u2067x", "\u2068x",
            "a\u061Cb", "a\u200Eb", "a\u200Fb", "ad\u200Bmin", "a\u2060b", "\uFEFFadmin", "a\u00ADb", "a\u2062b",
            "a\u206Ab", "a\uFFF9b", "a\uDB40\uDC01b", "a\uDB40\uDC61b", "a\u0000b", "a\u0007b", "a\u001Bb", "a\u007Fb",
            "a\u0085b", "a\u009Bb", "a\u2028b", "a\u2029b", "a\nb", "a\tb", "a\uD800b"})
    void controlsBidiOverridesAndInvisibleFormattingAreRefused(String name) {
        assertThat(LegibleText.firstIllegible(name)).isNotNegative();
        assertThat(VALIDATOR.validate(new Named(name, "ok", List.of("ok")))).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath()).hasToString("name"))
                .satisfies(v -> assertThat(v.getMessage()).contains("U+"));
        assertThat(VALIDATOR.validate(new Named("ok", "ok", List.of("ok", name)))).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath().toString()).startsWith("aliases[1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dòng 1\nDòng 2", "a\r\nb", "cột\tcột"})
    void multiLineTextMayBreakLinesAndTabButNothingElse(String text) {
        assertThat(VALIDATOR.validate(new Named("ok", text, List.of()))).isEmpty();
        assertThat(VALIDATOR.validate(new Named("ok", text + "\u202E", List.of()))).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath()).hasToString("description"));
        assertThat(VALIDATOR.validate(new Named("ok", text + "\u0000", List.of()))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202E", "\uDB40\uDC01"})
    void theMessageNamesTheCodePointWithoutEchoingTheText(String hidden) {
        String message = LegibleText.problem("Tên riêng" + hidden + "x");
        assertThat(message).contains(String.format("U+%04X", "Tên riêng".concat(hidden).codePointAt(9)))
                .doesNotContain("Tên riêng");
        assertThat(LegibleText.problem("Tên riêng")).isNull();
        assertThat(LegibleText.problem(null)).isNull();
    }
}
