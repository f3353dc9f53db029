package vn.phoihop.program.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Workbooks of progress: counts as {@code #,##0} (with decimals only when there are some), ratios as
 * {@code 0.0%}, Vietnamese headers in bold. Extra sheets (a review's awards) are added by the caller. A spreadsheet
 * number is a double, exact to 15 significant digits: a figure with more (a sum past a thousand billion with
 * decimals) is written as its exact text rather than rounded.
 */
public final class XlsxExport implements AutoCloseable {

    /** Significant digits a double holds exactly, whatever the number. */
    static final int EXACT_DIGITS = 15;

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final CellStyle bold;
    private final CellStyle count;
    private final CellStyle decimal;
    private final CellStyle percent;

    public XlsxExport() {
        Font font = workbook.createFont();
        font.setBold(true);
        bold = workbook.createCellStyle();
        bold.setFont(font);
        count = style("#,##0");
        decimal = style("#,##0.###");
        percent = style("0.0%");
    }

    private CellStyle style(String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    public XlsxExport progress(String sheetName, ProgressTable table) {
        Sheet sheet = workbook.createSheet(sheetName);
        int r = 0;
        for (String line : table.heading()) {
            sheet.createRow(r++).createCell(0).setCellValue(line);
        }
        r++;
        header(sheet.createRow(r++), ProgressTable.COLUMNS);
        for (ProgressTable.Row row : table.rows()) {
            Row out = sheet.createRow(r++);
            out.createCell(0).setCellValue(row.code());
            out.createCell(1).setCellValue(row.name());
            number(out, 2, row.actual(), row.percent());
            number(out, 3, row.target(), row.percent());
            number(out, 4, row.achieved(), true);
        }
        for (int c = 0; c < ProgressTable.COLUMNS.size(); c++) {
            sheet.setColumnWidth(c, c == 1 ? 40 * 256 : 16 * 256);
        }
        return this;
    }

    /** A sheet of plain rows under a bold header. */
    public XlsxExport rows(String sheetName, List<String> columns, List<List<String>> rows) {
        Sheet sheet = workbook.createSheet(sheetName);
        header(sheet.createRow(0), columns);
        for (int i = 0; i < rows.size(); i++) {
            Row out = sheet.createRow(i + 1);
            for (int c = 0; c < rows.get(i).size(); c++) {
                out.createCell(c).setCellValue(rows.get(i).get(c));
            }
        }
        return this;
    }

    private void header(Row row, List<String> columns) {
        for (int c = 0; c < columns.size(); c++) {
            var cell = row.createCell(c);
            cell.setCellValue(columns.get(c));
            cell.setCellStyle(bold);
        }
    }

    private void number(Row row, int column, BigDecimal value, boolean asPercent) {
        if (value == null) {
            return;
        }
        var cell = row.createCell(column);
        BigDecimal figure = value.stripTrailingZeros();
        if (figure.precision() > EXACT_DIGITS) {
            cell.setCellValue(figure.toPlainString());
            return;
        }
        cell.setCellValue(figure.doubleValue());
        cell.setCellStyle(asPercent ? percent : figure.scale() <= 0 ? count : decimal);
    }


    public byte[] bytes() {
        try (var out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
