package vn.phoihop.unit.unit.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.phoihop.unit.unit.UnitKind;

/** Names of units are shown to people: nothing in them may hide or reorder what they read. */
class UnitRequestTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final LocalDate DAY = LocalDate.parse("2025-07-01");

    @ParameterizedTest
    @ValueSource(strings = {"Xã \u202EhniB nA", "\u2066Xã An Bình\u2069", "Xã\u200BAn", "Xã\u0000An", "Xã\u200FAn"})
    void aNameWithControlsOrBidiCharactersIsRefusedWhereverANameIsGiven(String name) {
        assertThat(invalid(new UnitController.CreateUnit("A-1", name, UnitKind.COMMUNE, null, DAY))).containsExactly("name");
        assertThat(invalid(new UnitController.RenameUnit(null, name))).containsExactly("name");
        assertThat(invalid(new UnitController.MergeUnits(List.of("u-1"),
                new UnitController.MergeTarget(null, "M-1", name, UnitKind.COMMUNE, null), DAY)))
                .containsExactly("target.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thành phố Cần Thơ", "Xã Ea H'Leo", "Phường 1 – Quận 3"})
    void ordinaryNamesAreAccepted(String name) {
        assertThat(invalid(new UnitController.CreateUnit("A-1", name, UnitKind.COMMUNE, null, DAY))).isEmpty();
        assertThat(invalid(new UnitController.RenameUnit(null, name))).isEmpty();
    }

    private static <T> Set<String> invalid(T request) {
        return VALIDATOR.validate(request).stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}
