package vn.phoihop.program.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramKind;
import vn.phoihop.program.program.ProgramStatus;

/** A district officer's scope: the district and its communes, under its province; the rules without a server. */
class UnitScopeTest {

    final UnitScope district = new UnitScope("d", Set.of("d", "a", "b"), List.of("p"));

    @Test
    void coversItsSubtreeOnlyAndTheWholeCountryOnlyForANationalCaller() {
        assertThat(district.covers("a")).isTrue();
        assertThat(district.covers("d")).isTrue();
        assertThat(district.covers("p")).isFalse();
        assertThat(district.covers("q")).isFalse();
        assertThat(district.covers(null)).isFalse();
        assertThat(UnitScope.NATIONAL.covers(null)).isTrue();
        assertThat(UnitScope.NATIONAL.covers("q")).isTrue();
    }

    @Test
    void seesProgramsBelowAndAboveButChangesOnlyThoseBelow() {
        assertThat(district.sees(program("a"))).isTrue();
        assertThat(district.mayChange(program("a"))).isTrue();
        assertThat(district.sees(program("p"))).isTrue();
        assertThat(district.mayChange(program("p"))).isFalse();
        assertThat(district.sees(program(null))).isTrue();
        assertThat(district.mayChange(program(null))).isFalse();
        assertThat(district.sees(program("q"))).isFalse();
        assertThat(UnitScope.NATIONAL.mayChange(program(null))).isTrue();
    }

    @Test
    void progressIsOfTheUnitAskedForInsideTheSubtreeElseOfTheCallersOwnUnit() {
        assertThat(district.unitOr(null)).isEqualTo("d");
        assertThat(district.unitOr("a")).isEqualTo("a");
        assertThat(UnitScope.NATIONAL.unitOr(null)).isNull();
        for (String wider : new String[] {"p", "q"}) {
            assertThatThrownBy(() -> district.unitOr(wider)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status().value()).isEqualTo(403));
        }
        assertThat(district.programScopes()).containsExactlyInAnyOrder("d", "a", "b", "p");
        assertThat(district.units()).containsExactlyInAnyOrder("d", "a", "b");
        assertThat(UnitScope.NATIONAL.programScopes()).isNull();
    }

    private static Program program(String scope) {
        return new Program("id", 1, "code", List.of(), "title", ProgramKind.PROGRAM, List.of(), null, null,
                LocalDate.of(2023, 1, 1), LocalDate.of(2033, 12, 31), scope, ProgramStatus.DRAFT, List.of(), List.of(),
                List.of());
    }
}
