package vn.phoihop.unit.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitTreeTest {

    static final LocalDate START = LocalDate.of(2020, 1, 1);
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final LocalDate BEFORE = REFORM.minusDays(1);

    final UnitTree tree = new UnitTree(List.of());

    @Test
    void pagesThroughASubtreeWithoutDuplicatesOrGaps() {
        unit("p", "P", null, UnitKind.PROVINCE);
        var expected = new ArrayList<String>();
        for (int d = 0; d < 5; d++) {
            unit("d" + d, "D" + d, "p", UnitKind.DISTRICT);
            expected.add("d" + d);
            for (int c = 0; c < 7; c++) {
                // several units share a code: the id breaks the tie
                unit("c" + d + "-" + c, "C" + (c % 3), "d" + d, UnitKind.COMMUNE);
                expected.add("c" + d + "-" + c);
            }
        }
        unit("elsewhere", "E", null, UnitKind.PROVINCE);

        var seen = new ArrayList<String>();
        UnitQuery.PageKey after = null;
        int pages = 0;
        do {
            UnitPage page = tree.list(new UnitQuery(null, "p", null, null, REFORM, 6, after), null);
            page.items().forEach(u -> seen.add(u.id()));
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pages).isEqualTo(7); // 40 units by 6
        assertThat(tree.list(new UnitQuery("p", null, null, null, REFORM, 50, null), null).items())
                .extracting(Unit::id).containsExactly("d0", "d1", "d2", "d3", "d4");
        assertThat(tree.list(new UnitQuery(null, "p", UnitKind.COMMUNE, null, REFORM, 500, null), null).items())
                .hasSize(35).allMatch(u -> u.kind() == UnitKind.COMMUNE);
    }

    @Test
    void aListWithinAScopeLeavesTheRestOutBeforeThePageIsCut() {
        unit("p", "P", null, UnitKind.PROVINCE);
        for (int c = 0; c < 10; c++) {
            unit("c" + c, "C" + c, "p", UnitKind.COMMUNE, c % 2 == 0 ? "Xã chẵn " + c : "Xã lẻ " + c);
        }
        var within = java.util.Set.of("c1", "c3", "c5", "c7", "c9");
        var seen = new ArrayList<String>();
        UnitQuery.PageKey after = null;
        do {
            UnitPage page = tree.list(new UnitQuery(null, null, null, null, REFORM, 2, after), within);
            assertThat(page.items()).hasSize(page.next() == null ? 1 : 2); // full pages, not 2 minus the hidden
            page.items().forEach(u -> seen.add(u.id()));
            after = page.next();
        } while (after != null);
        assertThat(seen).containsExactly("c1", "c3", "c5", "c7", "c9");
        assertThat(tree.list(new UnitQuery("p", null, null, "xa", REFORM, 50, null), within).items())
                .extracting(Unit::id).containsExactly("c1", "c3", "c5", "c7", "c9");
        assertThat(tree.list(new UnitQuery(null, null, null, "chan", REFORM, 50, null), within).items()).isEmpty();
    }

    @Test
    void aMoveChangesTheTreeFromItsDateOnly() {
        unit("a", "A", null, UnitKind.PROVINCE);
        unit("b", "B", null, UnitKind.PROVINCE);
        unit("c", "C", "a", UnitKind.COMMUNE);
        unit("h", "H", "c", UnitKind.HAMLET);
        var c = tree.get("c").orElseThrow();
        tree.put(c.withPlacements(List.of(c.placements().get(0), new Placement("b", List.of("b"), REFORM))));

        assertThat(tree.ancestorsOn("h", BEFORE)).containsExactly("a", "c");
        assertThat(tree.ancestorsOn("h", REFORM)).containsExactly("b", "c");
        assertThat(ids(new UnitQuery(null, "a", null, null, BEFORE, 50, null))).containsExactly("c", "h");
        assertThat(ids(new UnitQuery(null, "a", null, null, REFORM, 50, null))).isEmpty();
        assertThat(ids(new UnitQuery(null, "b", null, null, REFORM, 50, null))).containsExactly("c", "h");
        assertThat(tree.on("c", BEFORE).orElseThrow().parentId()).isEqualTo("a");
    }

    @Test
    void aCycleThatALaterMoveWouldCloseIsSeen() {
        unit("a", "A", null, UnitKind.PROVINCE);
        unit("b", "B", null, UnitKind.PROVINCE);
        var b = tree.get("b").orElseThrow();
        // b hangs under a from the reform
        tree.put(b.withPlacements(List.of(b.placements().get(0), new Placement("a", List.of("a"), REFORM))));

        LocalDate earlier = LocalDate.of(2024, 1, 1);
        assertThat(tree.ancestorsOn("b", earlier)).isEmpty();
        // a under b from 2024 would close a cycle from the reform on
        assertThat(tree.isOrHasAncestorFrom("b", "a", earlier)).isTrue();
        assertThat(tree.isOrHasAncestorFrom("a", "a", earlier)).isTrue();
        assertThat(tree.isOrHasAncestorFrom("a", "b", earlier)).isFalse();
    }

    @Test
    void anEndedUnitLeavesTheListFromItsValidTo() {
        unit("p", "P", null, UnitKind.PROVINCE);
        unit("x", "X", "p", UnitKind.COMMUNE);
        tree.put(tree.get("x").orElseThrow().ended(REFORM, List.of("y")));

        assertThat(ids(new UnitQuery("p", null, null, null, BEFORE, 50, null))).containsExactly("x");
        assertThat(ids(new UnitQuery("p", null, null, null, REFORM, 50, null))).isEmpty();
        assertThat(tree.get("x").orElseThrow().successorIds()).containsExactly("y");
    }

    @Test
    void searchIgnoresCaseAndDiacritics() {
        unit("ct", "92", null, UnitKind.PROVINCE, "Thành phố Cần Thơ");
        unit("dh", "93", null, UnitKind.COMMUNE, "Phường Đông Hải");

        for (String q : List.of("can tho", "CẦN THƠ", "Can Tho")) {
            assertThat(ids(new UnitQuery(null, null, null, q, REFORM, 50, null))).containsExactly("ct");
        }
        assertThat(ids(new UnitQuery(null, null, null, "dong", REFORM, 50, null))).containsExactly("dh");
        assertThat(ids(new UnitQuery(null, null, null, "hà nội", REFORM, 50, null))).isEmpty();
    }

    @Test
    void aNationalTreeOfAHundredThousandUnitsAnswersFromMemory() {
        // 34 provinces x 100 communes x 29 teams ~ 100k units
        for (int p = 0; p < 34; p++) {
            unit("p" + p, String.format("P%02d", p), null, UnitKind.PROVINCE);
            for (int c = 0; c < 100; c++) {
                String commune = "p" + p + "c" + c;
                unit(commune, String.format("P%02dC%03d", p, c), "p" + p, UnitKind.COMMUNE);
                for (int t = 0; t < 29; t++) {
                    unit(commune + "t" + t, String.format("P%02dC%03dT%02d", p, c, t), commune, UnitKind.SECURITY_TEAM);
                }
            }
        }
        assertThat(tree.size()).isEqualTo(34 + 3_400 + 98_600);

        UnitPage children = null;
        UnitPage communes = null;
        UnitPage search = null;
        long childrenMicros = 0;
        long subtreeMicros = 0;
        long searchMicros = 0;
        for (int round = 0; round < 20; round++) { // the last round is warm: what a running service sees
            long started = System.nanoTime();
            children = tree.list(new UnitQuery("p7", null, null, null, REFORM, 500, null), null);
            childrenMicros = (System.nanoTime() - started) / 1_000;
            started = System.nanoTime();
            communes = tree.list(new UnitQuery(null, "p7", UnitKind.COMMUNE, null, REFORM, 500, null), null);
            subtreeMicros = (System.nanoTime() - started) / 1_000;
            started = System.nanoTime();
            search = tree.list(new UnitQuery(null, null, null, "p7c42t1", REFORM, 50, null), null);
            searchMicros = (System.nanoTime() - started) / 1_000;
        }
        System.out.printf("100k tree, warm: children %d us, province subtree %d us, search over all %d us%n",
                childrenMicros, subtreeMicros, searchMicros);

        assertThat(children.items()).hasSize(100).allMatch(u -> u.parentId().equals("p7"));
        assertThat(communes.items()).hasSize(100).allMatch(u -> u.ancestorIds().equals(List.of("p7")));
        // "unit p7c42t1" and "unit p7c42t10".."t19"
        assertThat(search.items()).hasSize(11);
    }

    private List<String> ids(UnitQuery query) {
        return tree.list(query, null).items().stream().map(Unit::id).toList();
    }

    private void unit(String id, String code, String parent, UnitKind kind) {
        unit(id, code, parent, kind, "Unit " + id);
    }

    private void unit(String id, String code, String parent, UnitKind kind, String name) {
        List<String> ancestors = new ArrayList<>();
        if (parent != null) {
            ancestors.addAll(tree.ancestorsOn(parent, START));
            ancestors.add(parent);
        }
        tree.put(new UnitHistory(id, code, name, kind, List.of(new Placement(parent, ancestors, START)), START, null,
                List.of()));
    }
}
