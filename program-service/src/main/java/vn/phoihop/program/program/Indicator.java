package vn.phoihop.program.program;

/** A measured figure of a program (chỉ tiêu). {@code numeratorCode}/{@code denominatorCode} only for RATIO. */
public record Indicator(String code, String name, String unitOfMeasure, Aggregation aggregation,
        String numeratorCode, String denominatorCode) {
}
