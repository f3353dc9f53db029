package vn.phoihop.program.review.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.phoihop.program.review.Award;
import vn.phoihop.program.review.AwardForm;
import vn.phoihop.program.review.ReviewKind;

/** A review's title and an award's recipient and issuer are printed on what is handed out: they must read as written. */
class ReviewRequestTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final LocalDate DAY = LocalDate.parse("2025-06-30");

    @ParameterizedTest
    @ValueSource(strings = {"S\u01a1 k\u1ebft \u202E5202", "\u2067Nguy\u1ec5n V\u0103n An\u2069", "T\u1ed5\u200B3",
            "T\u1ed5\u0085"})
    void textWithControlsOrBidiCharactersIsRefused(String text) {
        assertThat(invalid(new ReviewController.NewReview(ReviewKind.INTERIM, "u-1", DAY.minusMonths(6), DAY, text)))
                .containsExactly("title");
        assertThat(invalid(award(text, "UBND t\u1ec9nh"))).containsExactly("recipientName");
        assertThat(invalid(award("T\u1ed5 3", text))).containsExactly("issuedBy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"S\u01a1 k\u1ebft 6 th\u00e1ng \u0111\u1ea7u n\u0103m 2025", "Nguy\u1ec5n V\u0103n An"})
    void ordinaryTextIsAccepted(String text) {
        assertThat(invalid(new ReviewController.NewReview(ReviewKind.INTERIM, "u-1", DAY.minusMonths(6), DAY, text)))
                .isEmpty();
        assertThat(invalid(award(text, text))).isEmpty();
    }

    private static ReviewController.NewAward award(String recipient, String issuer) {
        return new ReviewController.NewAward(Award.RecipientType.INDIVIDUAL, recipient, null, AwardForm.COMMENDATION, issuer);
    }

    private static <T> Set<String> invalid(T request) {
        return VALIDATOR.validate(request).stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}
