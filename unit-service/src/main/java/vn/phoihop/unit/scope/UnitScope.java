package vn.phoihop.unit.scope;

import org.springframework.stereotype.Component;
import vn.phoihop.platform.security.Caller;

/** The scope of a caller, from its token's {@code unitId} claim and the unit tree. */
@Component
public class UnitScope {

    private final Scope.Tree tree;

    public UnitScope(Scope.Tree tree) {
        this.tree = tree;
    }

    public Scope of(Caller caller) {
        return caller.isNational() ? Scope.national() : Scope.of(caller.unitId(), tree);
    }
}
