package vn.phoihop.program.export;

import java.time.LocalDate;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramCatalog;
import vn.phoihop.program.progress.Progress;
import vn.phoihop.program.progress.ProgressReport;
import vn.phoihop.program.unitview.UnitPlace;
import vn.phoihop.program.unitview.UnitTreeView;

/** The same figures as {@code GET …/progress}, as tables for CSV and XLSX. */
@Service
public class ProgressExports {

    private final ProgramCatalog programs;
    private final ProgressReport report;
    private final UnitTreeView units;

    public ProgressExports(ProgramCatalog programs, ProgressReport report, UnitTreeView units) {
        this.programs = programs;
        this.report = report;
        this.units = units;
    }

    public ProgressTable table(String programId, String unitId, LocalDate from, LocalDate to) {
        Progress progress = report.of(programId, unitId, from, to);
        Program program = programs.find(programId).orElseThrow(() -> ApiException.notFound("Program", programId));
        return ProgressTable.of(program, progress, unitLabel(unitId));
    }

    /** The unit's name where program-service knows it, its id otherwise; the whole program when none. */
    public String unitLabel(String unitId) {
        if (unitId == null) {
            return "toàn chương trình";
        }
        return units.find(unitId).map(UnitPlace::name).filter(name -> name != null).map(name -> name + " (" + unitId + ")")
                .orElse(unitId);
    }
}
