package vn.phoihop.unit.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLinesTest {

    @Test
    void fieldsAreSplitWithRfc4180QuotingAndLinesKeepTheirNumbers() throws Exception {
        List<CsvLines.Line> lines = read("\uFEFFcode,name\r\n\n1,\"Xã \"\"Hòa\"\", Bình\"\r\n2,,\n3,Phường 3".getBytes(StandardCharsets.UTF_8));

        assertThat(lines).extracting(CsvLines.Line::number).containsExactly(1, 3, 4, 5);
        assertThat(lines.get(0).fields()).containsExactly("code", "name");
        assertThat(lines.get(1).fields()).containsExactly("1", "Xã \"Hòa\", Bình");
        assertThat(lines.get(2).fields()).containsExactly("2", "", "");
        assertThat(lines.get(3).fields()).containsExactly("3", "Phường 3");
    }

    @Test
    void aBadLineIsReportedAndTheNextLineIsReadAsUsual() throws Exception {
        var body = new ByteArrayOutputStream();
        body.writeBytes("\"open,quote\n".getBytes(StandardCharsets.UTF_8));
        body.writeBytes("a,\"b\"c\n".getBytes(StandardCharsets.UTF_8));
        body.writeBytes("a,b\"c\n".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {'x', ',', (byte) 0xE3, '\n'});
        body.writeBytes(("y," + "z".repeat(CsvLines.MAX_LINE_BYTES) + "\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes("fine,line\n".getBytes(StandardCharsets.UTF_8));

        List<CsvLines.Line> lines = read(body.toByteArray());

        assertThat(lines).extracting(CsvLines.Line::problem).satisfiesExactly(
                p -> assertThat(p).contains("not closed on this line"),
                p -> assertThat(p).contains("after the closing quote"),
                p -> assertThat(p).contains("inside an unquoted field"),
                p -> assertThat(p).contains("not valid UTF-8"),
                p -> assertThat(p).contains("longer than"),
                p -> assertThat(p).isNull());
        assertThat(lines.get(5).number()).isEqualTo(6);
        assertThat(lines.get(5).fields()).containsExactly("fine", "line");
    }

    @Test
    void anEmptyBodyHasNoLines() throws Exception {
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read("\n\r\n  \n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    private static List<CsvLines.Line> read(byte[] body) throws Exception {
        var lines = new CsvLines(new ByteArrayInputStream(body));
        List<CsvLines.Line> all = new ArrayList<>();
        for (CsvLines.Line line = lines.next(); line != null; line = lines.next()) {
            all.add(line);
        }
        return all;
    }
}
