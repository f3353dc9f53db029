package vn.phoihop.program.program;

import java.util.Set;

/**
 * DRAFT → ACTIVE → CONCLUDED, with ACTIVE ⇄ SUSPENDED on the way; activities are accepted only while ACTIVE.
 * A concluded program is closed: nothing of it changes any more.
 */
public enum ProgramStatus {
    DRAFT, ACTIVE, SUSPENDED, CONCLUDED;

    /** The statuses a program may come from to reach this one. */
    Set<ProgramStatus> reachableFrom() {
        return switch (this) {
            case DRAFT -> Set.of();
            case ACTIVE -> Set.of(DRAFT, SUSPENDED);
            case SUSPENDED -> Set.of(ACTIVE);
            case CONCLUDED -> Set.of(ACTIVE, SUSPENDED);
        };
    }
}
