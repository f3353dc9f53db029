package vn.phoihop.program.export;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ProgressTable} as UTF-8 CSV with a byte-order mark, so spreadsheet programs show Vietnamese
 * correctly. Numbers are exact and plain (a dot for decimals, no grouping, no exponent) so they stay numbers when
 * opened.
 */
public final class CsvExport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvExport() {
    }

    public static byte[] of(ProgressTable table) {
        var lines = new ArrayList<String>();
        table.heading().forEach(h -> lines.add(field(h)));
        lines.add(String.join(",", ProgressTable.COLUMNS.stream().map(CsvExport::field).toList()));
        for (ProgressTable.Row row : table.rows()) {
            lines.add(String.join(",", List.of(field(row.code()), field(row.name()), number(row.actual()),
                    number(row.target()), number(row.achieved()))));
        }
        byte[] text = (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a name can never run as a formula. */
    static String field(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
