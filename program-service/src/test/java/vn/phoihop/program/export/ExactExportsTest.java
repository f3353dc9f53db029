package vn.phoihop.program.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Exports write the figures progress holds, every digit: never rounded through a double, never an exponent. */
class ExactExportsTest {

    static final ProgressTable TABLE = new ProgressTable(List.of("Chương trình: 09"), List.of(
            new ProgressTable.Row("km", "Km tuần tra", new BigDecimal("1000000000.001"), new BigDecimal("3"),
                    new BigDecimal("333333333.333667"), false),
            new ProgressTable.Row("attendees", "Lượt người dự", new BigDecimal("12345678901234.567"), null, null, false),
            new ProgressTable.Row("sessions", "Buổi", new BigDecimal("1E+3"), null, null, false),
            new ProgressTable.Row("share", "Tỉ lệ", new BigDecimal("0.333333"), new BigDecimal("0.95"),
                    new BigDecimal("0.350877"), true)));

    @Test
    void csvWritesExactPlainNumbers() {
        String csv = new String(CsvExport.of(TABLE), StandardCharsets.UTF_8);
        assertThat(csv).contains("km,Km tuần tra,1000000000.001,3,333333333.333667\r\n",
                "attendees,Lượt người dự,12345678901234.567,,\r\n", "sessions,Buổi,1000,,\r\n",
                "share,Tỉ lệ,0.333333,0.95,0.350877\r\n");
        assertThat(CsvExport.number(new BigDecimal("1.500"))).isEqualTo("1.5");
        assertThat(CsvExport.number(null)).isEmpty();
    }

    @Test
    void xlsxWritesNumbersWhereADoubleHoldsThemAndTheExactTextWhereItCannot() throws Exception {
        byte[] bytes;
        try (var export = new XlsxExport()) {
            bytes = export.progress("Tiến độ", TABLE).bytes();
        }
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            var sheet = workbook.getSheet("Tiến độ");
            var km = sheet.getRow(3).getCell(2);
            assertThat(new BigDecimal(Double.toString(km.getNumericCellValue()))).isEqualByComparingTo("1000000000.001");
            assertThat(km.getCellStyle().getDataFormatString()).isEqualTo("#,##0.###");
            var longer = sheet.getRow(4).getCell(2);
            assertThat(longer.getCellType()).as("17 digits: more than a double holds").isEqualTo(CellType.STRING);
            assertThat(longer.getStringCellValue()).isEqualTo("12345678901234.567");
            var thousand = sheet.getRow(5).getCell(2);
            assertThat(thousand.getNumericCellValue()).isEqualTo(1000.0);
            assertThat(thousand.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(sheet.getRow(6).getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
        }
    }
}
