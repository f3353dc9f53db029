package vn.phoihop.program.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.program.export.CsvExport;
import vn.phoihop.program.export.ProgressExports;
import vn.phoihop.program.export.ProgressTable;
import vn.phoihop.program.export.XlsxExport;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramCatalog;

/** A review as a workbook (the frozen figures on one sheet, the awards on another), or its figures as CSV. */
@Component
public class ReviewWorkbook {

    static final List<String> AWARD_COLUMNS = List.of("Hình thức", "Đối tượng", "Tên", "Đơn vị", "Cấp khen", "Ngày");

    private final ProgramCatalog programs;
    private final ProgressExports exports;

    public ReviewWorkbook(ProgramCatalog programs, ProgressExports exports) {
        this.programs = programs;
        this.exports = exports;
    }

    public byte[] of(Review review) {
        ProgressTable table = figures(review);
        var awards = review.awards().stream().map(a -> List.of(a.form().vietnamese(),
                a.recipientType() == Award.RecipientType.COLLECTIVE ? "Tập thể" : "Cá nhân", a.recipientName(),
                a.unitId() == null ? "" : exports.unitLabel(a.unitId()), a.issuedBy(), a.awardedAt().toString().substring(0, 10)))
                .toList();
        try (var workbook = new XlsxExport()) {
            return workbook.progress("Kết quả", table)
                    .rows("Khen thưởng", AWARD_COLUMNS, awards).bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frozen figures as CSV (UTF-8 with a byte-order mark), headed like the workbook's first sheet. */
    public byte[] csv(Review review) {
        return CsvExport.of(figures(review));
    }

    private ProgressTable figures(Review review) {
        Program program = programs.find(review.programId()).orElseThrow(() -> ApiException.notFound("Program", review.programId()));
        ProgressTable table = ProgressTable.of(program, review.progress(), exports.unitLabel(review.unitId()));
        var heading = new java.util.ArrayList<>(List.of(review.title() + " (" + review.kind() + ", chốt số liệu "
                + review.frozenAt() + ")"));
        heading.addAll(table.heading());
        return new ProgressTable(heading, table.rows());
    }
}
