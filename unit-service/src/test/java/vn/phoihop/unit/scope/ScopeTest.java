package vn.phoihop.unit.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.phoihop.platform.web.ApiException;

/** What a scope lets through, on a tree province p → communes a, b → teams ta (under a), tb (under b). */
class ScopeTest {

    static final Map<String, List<String>> PATHS = Map.of(
            "p", List.of("p"), "a", List.of("p", "a"), "b", List.of("p", "b"),
            "ta", List.of("p", "a", "ta"), "tb", List.of("p", "b", "tb"));

    static final Scope.Tree TREE = new Scope.Tree() {
        @Override
        public List<String> pathToday(String unitId) {
            return PATHS.getOrDefault(unitId, List.of());
        }

        @Override
        public Set<String> subtreeToday(String unitId) {
            return Set.copyOf(PATHS.entrySet().stream().filter(e -> e.getValue().contains(unitId))
                    .map(Map.Entry::getKey).toList());
        }
    };

    final Scope communeA = Scope.of("a", TREE);

    @Test
    void aBoundScopeCoversItsUnitAndWhatLiesUnderItOnly() {
        assertThat(communeA.covers("a")).isTrue();
        assertThat(communeA.covers("ta")).isTrue();
        assertThat(communeA.covers("p")).as("above").isFalse();
        assertThat(communeA.covers("b")).as("beside").isFalse();
        assertThat(communeA.covers("tb")).as("under a sibling").isFalse();
        assertThat(communeA.covers("nope")).as("unknown").isFalse();
        assertThat(communeA.covers(null)).as("the top of the tree").isFalse();
        assertThat(communeA.coversAny(List.of("tb", "ta"))).isTrue();
        assertThat(communeA.coversAny(List.of("tb", "b"))).isFalse();
        assertThat(communeA.coversAny(List.of())).isFalse();
        assertThat(communeA.unitIds()).containsExactlyInAnyOrder("a", "ta");
    }

    @Test
    void aNationalScopeCoversEverythingAndRestrictsNoList() {
        Scope national = Scope.national();
        assertThat(national.isNational()).isTrue();
        assertThat(national.covers("tb")).isTrue();
        assertThat(national.covers("nope")).isTrue(); // the lookup then answers 404 for what does not exist
        assertThat(national.unitIds()).isNull();
        assertThatCode(() -> national.checkReference("parentId", null)).doesNotThrowAnyException();
        assertThatCode(() -> national.checkFilter("ancestorId", "p")).doesNotThrowAnyException();
        assertThatCode(() -> national.checkNational("Importing units")).doesNotThrowAnyException();
    }

    @Test
    void filtersAndReferencesOutsideOrAboveAreForbidden() {
        assertThatCode(() -> communeA.checkFilter("parentId", "a")).doesNotThrowAnyException();
        assertThatCode(() -> communeA.checkFilter("parentId", null)).as("no filter").doesNotThrowAnyException();
        assertThatCode(() -> communeA.checkReference("parentId", "ta")).doesNotThrowAnyException();
        for (String outside : new String[] {"p", "b", "tb", "nope"}) {
            assertForbidden(() -> communeA.checkFilter("ancestorId", outside));
            assertForbidden(() -> communeA.checkReference("unitId", outside));
        }
        assertForbidden(() -> communeA.checkReference("parentId", null)); // a new root
        assertForbidden(() -> communeA.checkNational("Importing units"));
    }

    private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(403));
    }
}
