package vn.phoihop.program.scope;

import org.springframework.stereotype.Component;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramCatalog;
import vn.phoihop.program.unitview.UnitTreeView;

/**
 * Object-level access of program-service: which part of today's tree a caller sees, and which programs it may read
 * or change. A program it may not see is answered as one that does not exist (404), so existence is not disclosed;
 * one it sees but may not change is a 403.
 */
@Component
public class ProgramScope {

    private final UnitTreeView units;
    private final ProgramCatalog programs;

    public ProgramScope(UnitTreeView units, ProgramCatalog programs) {
        this.units = units;
        this.programs = programs;
    }

    public UnitScope of(Caller caller) {
        if (caller.isNational()) {
            return UnitScope.NATIONAL;
        }
        return new UnitScope(caller.unitId(), units.subtree(caller.unitId()), units.ancestors(caller.unitId()));
    }

    public Program visible(UnitScope scope, String programId) {
        return programs.find(programId).filter(scope::sees).orElseThrow(() -> ApiException.notFound("Program", programId));
    }

    public Program changeable(UnitScope scope, String programId) {
        Program program = visible(scope, programId);
        if (!scope.mayChange(program)) {
            throw UnitScope.forbidden("Program " + programId + " covers more than your unit's subtree; only a caller"
                    + " above its scope unit may change it");
        }
        return program;
    }
}
