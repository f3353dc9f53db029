package vn.phoihop.program.unitview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollUpTest {

    static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    /** A tree kept in a map, built unit by unit. */
    static final class Tree implements UnitGraph {
        final Map<String, UnitPlace> units = new LinkedHashMap<>();

        Tree unit(String id, String parent) {
            units.put(id, new UnitPlace(id, id, parent, null, List.of(), List.of(), null));
            return this;
        }

        /** Merges {@code sources} into {@code target} on {@code day}; each source's ancestors are taken as they are now. */
        Tree merge(LocalDate day, String target, String... sources) {
            for (String s : sources) {
                var u = units.get(s);
                units.put(s, new UnitPlace(s, s, u.parentId(), day, List.of(target), u.predecessorIds(), ancestors(s)));
                var t = units.get(target);
                var predecessors = new ArrayList<>(t.predecessorIds());
                predecessors.add(s);
                units.put(target, new UnitPlace(target, target, t.parentId(), t.validTo(), t.successorIds(), predecessors,
                        t.endAncestorIds()));
            }
            return this;
        }

        List<String> ancestors(String id) {
            var path = new ArrayList<String>();
            for (String p = units.get(id).parentId(); p != null; p = units.get(p).parentId()) {
                path.add(0, p);
            }
            return path;
        }

        @Override
        public Optional<UnitPlace> unit(String unitId) {
            return Optional.ofNullable(units.get(unitId));
        }

        @Override
        public Collection<String> children(String unitId) {
            return units.values().stream().filter(u -> unitId.equals(u.parentId())).map(UnitPlace::unitId).toList();
        }

        List<String> rollUp(String unitId) {
            return RollUp.of(this, unitId, TODAY);
        }
    }

    @Test
    void aNewCommuneAddsTheCommunesMergedIntoIt() {
        var tree = new Tree().unit("p", null).unit("c1", "p").unit("c2", "p").unit("c3", "p").unit("n", "p")
                .merge(REFORM, "n", "c1", "c2", "c3");

        assertThat(tree.rollUp("n")).containsExactly("n", "c1", "c2", "c3");
        assertThat(tree.rollUp("p")).as("the province's counter already holds its old communes").containsExactly("p");
        assertThat(tree.rollUp("c2")).as("an old commune answers its own history").containsExactly("c2");
    }

    @Test
    void oldCommunesInsideAnOldDistrictMergedIntoTheSameNewProvinceAreLeftToTheDistrict() {
        var tree = new Tree().unit("a", null).unit("d1", "a").unit("d2", "a").unit("a1", "d1").unit("a2", "d1")
                .unit("a3", "d2").unit("b", null).unit("b1", "b").unit("p", null).unit("n1", "p").unit("n2", "p")
                .merge(REFORM, "n1", "a1", "a2", "b1").merge(REFORM, "n2", "a3").merge(REFORM, "p", "d1", "d2");

        assertThat(tree.rollUp("p")).containsExactlyInAnyOrder("p", "d1", "d2", "b1");
        assertThat(tree.rollUp("n1")).containsExactlyInAnyOrder("n1", "a1", "a2", "b1");
    }

    @Test
    void chainsOfMergesAreFollowedAndEndedUnitsOfTheSubtreeBringNothing() {
        var tree = new Tree().unit("q", null).unit("x", "q").unit("y", "q").unit("m", "q").unit("z", "q")
                .unit("r", null).unit("n", "r")
                .merge(LocalDate.of(2020, 1, 1), "m", "x", "y").merge(REFORM, "n", "m", "z");

        assertThat(tree.rollUp("n")).containsExactlyInAnyOrder("n", "m", "x", "y", "z");
        assertThat(tree.rollUp("m")).containsExactlyInAnyOrder("m", "x", "y");
        assertThat(tree.rollUp("r")).containsExactlyInAnyOrder("r", "m", "x", "y", "z");
        assertThat(tree.rollUp("q")).containsExactly("q");
    }

    @Test
    void aMergeTakingEffectLaterLeavesTheSourceInTodaysTree() {
        var tree = new Tree().unit("p", null).unit("c", "p").unit("g", "c").unit("h", null).unit("n", "p")
                .merge(REFORM, "g", "h").merge(TODAY.plusMonths(1), "n", "c");

        assertThat(tree.rollUp("p")).as("h was merged into g, still in p's tree today").containsExactlyInAnyOrder("p", "h");
    }

    @Test
    void unknownUnitsAndLoopsInBadDataEndTheWalk() {
        var tree = new Tree().unit("a", "b").unit("b", "a");
        tree.units.put("a", new UnitPlace("a", "a", "b", null, List.of(), List.of("b", "ghost"), null));

        assertThat(tree.rollUp("nowhere")).containsExactly("nowhere");
        assertThat(tree.rollUp("a")).containsExactly("a", "ghost");
    }
}
