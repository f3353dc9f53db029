package vn.phoihop.program.export;

import java.math.BigDecimal;
import java.util.List;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.progress.Progress;

/**
 * Progress laid out for people: a heading that says what, where and when, then one row per indicator under
 * Vietnamese column names. Shared by the CSV and XLSX exports and by review workbooks.
 */
public record ProgressTable(List<String> heading, List<Row> rows) {

    public static final List<String> COLUMNS = List.of("Mã chỉ tiêu", "Tên chỉ tiêu", "Thực hiện", "Mục tiêu", "Tỉ lệ đạt");

    /** One indicator; {@code percent} when its figures are themselves ratios (shown as %). */
    public record Row(String code, String name, BigDecimal actual, BigDecimal target, BigDecimal achieved, boolean percent) {
    }

    public static ProgressTable of(Program program, Progress progress, String unitLabel) {
        var heading = List.of("Chương trình: " + program.code() + " — " + program.title(),
                "Đơn vị: " + unitLabel,
                "Thời gian: từ " + progress.from() + " đến " + progress.to());
        var rows = progress.indicators().stream().map(i -> new Row(i.code(), i.name(), i.actual(), i.target(), i.ratio(),
                program.indicator(i.code()).map(d -> d.aggregation() == Aggregation.RATIO).orElse(false))).toList();
        return new ProgressTable(heading, rows);
    }
}
