package vn.phoihop.program.unitview;

import java.util.Collection;
import java.util.Optional;

/** The unit tree with its merges, as a roll-up walks it. */
interface UnitGraph {

    Optional<UnitPlace> unit(String unitId);

    /** Every unit whose latest parent is {@code unitId}, ended or not. */
    Collection<String> children(String unitId);
}
