package vn.phoihop.program.scope;

import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.program.program.Program;

/**
 * The part of today's tree a caller may see: the subtree of the unit its token is bound to, and the units above it
 * (whose programs it takes part in). A national caller (no unit) sees everything. Built once per request by
 * {@link ProgramScope}; every scope rule of program-service is a method here.
 */
public final class UnitScope {

    static final UnitScope NATIONAL = new UnitScope(null, Set.of(), List.of());

    private final String unitId;
    private final Set<String> subtree;
    private final List<String> above;

    UnitScope(String unitId, Set<String> subtree, List<String> above) {
        this.unitId = unitId;
        this.subtree = subtree;
        this.above = above;
    }

    public boolean isNational() {
        return unitId == null;
    }

    /** True if {@code unit} is the caller's unit or hangs under it; no unit (the whole country) only for a national caller. */
    public boolean covers(String unit) {
        return isNational() || unit != null && subtree.contains(unit);
    }

    /** A program is seen from inside it (its scope is the caller's unit or above) or from above (its scope is below). */
    public boolean sees(Program program) {
        String scope = program.scopeUnitId();
        return isNational() || scope == null || subtree.contains(scope) || above.contains(scope);
    }

    /** Only a program whose whole scope lies in the caller's subtree may be changed by it. */
    public boolean mayChange(Program program) {
        return isNational() || program.scopeUnitId() != null && subtree.contains(program.scopeUnitId());
    }

    /** The scope units of the programs a list may show (besides the national ones); null: no filter. */
    public Set<String> programScopes() {
        if (isNational()) {
            return null;
        }
        var scopes = new java.util.HashSet<>(subtree);
        scopes.addAll(above);
        return scopes;
    }

    /** The units whose objects (reviews) a list may show; null: no filter. */
    public Set<String> units() {
        return isNational() ? null : subtree;
    }

    /** The unit a progress query is about: the one asked for if the caller covers it, else its own unit. */
    public String unitOr(String requested) {
        if (requested == null) {
            return unitId;
        }
        require(requested, "unitId");
        return requested;
    }

    /** Refuses (403) a unit named by a request outside the caller's subtree; a national caller may name any. */
    public void require(String unit, String field) {
        if (!covers(unit)) {
            throw forbidden(unit == null ? "Only a national caller may leave " + field + " out"
                    : "Unit " + unit + " is outside your unit's subtree", new FieldError(field, "outside your scope"));
        }
    }

    static ApiException forbidden(String detail, FieldError... errors) {
        return new ApiException(HttpStatus.FORBIDDEN, "Outside your scope", detail, List.of(errors));
    }
}
