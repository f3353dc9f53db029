package vn.phoihop.unit.scope;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import vn.phoihop.platform.web.ApiException;

/**
 * The units a caller may see and change: the unit its token is bound to and every unit under it in today's tree,
 * or every unit for a national caller (no {@code unitId} claim). Every read and write of unit-service takes one,
 * so that object-level access is decided here and nowhere else:
 * <ul>
 * <li>an object outside the scope looked up by id is not found (404: its existence is not disclosed);</li>
 * <li>a list keeps the scope's units only, in its query ({@link #unitIds()}), so paging stays right;</li>
 * <li>a filter ({@code parentId=}, {@code ancestorId=}, {@code unitId=}) or a unit named in a body that lies outside
 * is refused (403), and so is an id that names no unit, which would otherwise tell existing ids from others.</li>
 * </ul>
 * Scope follows today's tree: a commune merged into another keeps its own subtree, not its successor's.
 */
public final class Scope {

    /** The unit tree as it stands today. */
    public interface Tree {

        /** The unit's ancestors, root first, then the unit; empty for an id that names no unit. */
        List<String> pathToday(String unitId);

        /** The unit and every unit under it. */
        Set<String> subtreeToday(String unitId);
    }

    private static final Scope NATIONAL = new Scope(null, null);

    private final String unitId;
    private final Tree tree;

    private Scope(String unitId, Tree tree) {
        this.unitId = unitId;
        this.tree = tree;
    }

    public static Scope national() {
        return NATIONAL;
    }

    /** The subtree of {@code unitId} in {@code tree}. */
    public static Scope of(String unitId, Tree tree) {
        return new Scope(java.util.Objects.requireNonNull(unitId), java.util.Objects.requireNonNull(tree));
    }

    public boolean isNational() {
        return unitId == null;
    }

    /** Whether the unit lies in the scope. */
    public boolean covers(String id) {
        return unitId == null || id != null && (id.equals(unitId) || tree.pathToday(id).contains(unitId));
    }

    public boolean coversAny(Collection<String> ids) {
        return unitId == null || ids.stream().anyMatch(this::covers);
    }

    /** The scope's units, for a list's query; {@code null} for a national caller (no restriction). */
    public Set<String> unitIds() {
        return unitId == null ? null : tree.subtreeToday(unitId);
    }

    /** A list filter on a unit must stay inside the scope: not outside it, nor above it (403). */
    public void checkFilter(String field, String id) {
        if (id != null && !covers(id)) {
            throw forbidden("The " + field + " filter names a unit outside your scope (unit " + unitId
                    + " and the units under it)");
        }
    }

    /**
     * A unit a body names (a parent, a source, the unit an activity is logged for) must lie inside the scope (403).
     * {@code null} stands for the top of the tree, where only a national caller places units.
     */
    public void checkReference(String field, String id) {
        if (!covers(id)) {
            throw forbidden(field + " names a unit outside your scope (unit " + unitId + " and the units under it)");
        }
    }

    /** Country-wide work, such as importing units, is for national callers only (403). */
    public void checkNational(String what) {
        if (unitId != null) {
            throw forbidden(what + " needs a national token; yours is bound to unit " + unitId);
        }
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
    }

    @Override
    public String toString() {
        return unitId == null ? "Scope[national]" : "Scope[" + unitId + "]";
    }
}
