package vn.phoihop.unit.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a UTF-8 CSV body one physical line at a time, straight from the stream, and splits each line
 * into fields (RFC 4180 quoting: {@code "a ""b"", c"}). A line that is not UTF-8, is too long or is
 * badly quoted comes back as a {@link Line} with a {@code problem} instead of fields, and reading goes
 * on at the next line: one bad line never hides the good ones after it. Quoted fields therefore
 * cannot span lines (no unit code or name contains a line break).
 */
final class CsvLines {

    /** A physical line: its 1-based number, and either its fields or why they could not be read. */
    record Line(int number, List<String> fields, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    static final int MAX_LINE_BYTES = 4096;

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final byte[] chunk = new byte[8192];
    private int chunkPos;
    private int chunkLen;
    private int number;
    private boolean eof;

    CsvLines(InputStream in) {
        this.in = in;
    }

    /** The next line, skipping blank ones; {@code null} at the end of the body. */
    Line next() throws IOException {
        while (true) {
            if (!readLine()) {
                return null;
            }
            number++;
            byte[] bytes = buffer.toByteArray();
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
            int start = 0;
            if (number == 1 && length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                    && (bytes[2] & 0xff) == 0xBF) {
                start = 3; // a byte-order mark, as spreadsheet programs write
            }
            if (tooLong) {
                return new Line(number, null, "the line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            String text;
            try {
                text = utf8.reset().decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
            } catch (CharacterCodingException e) {
                return new Line(number, null, "the line is not valid UTF-8 (save the file as UTF-8)");
            }
            if (text.isBlank()) {
                continue;
            }
            return split(number, text);
        }
    }

    private boolean tooLong;

    /** Fills {@link #buffer} with the bytes up to the next line feed; false when nothing is left. */
    private boolean readLine() throws IOException {
        buffer.reset();
        tooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                if (eof) {
                    return any;
                }
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    eof = true;
                    return any;
                }
            }
            any = true;
            int start = chunkPos;
            while (chunkPos < chunkLen && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            append(start, chunkPos - start);
            if (chunkPos < chunkLen) {
                chunkPos++; // the line feed
                return true;
            }
        }
    }

    private void append(int from, int count) {
        if (tooLong) {
            return;
        }
        if (buffer.size() + count > MAX_LINE_BYTES) {
            tooLong = true;
            return;
        }
        buffer.write(chunk, from, count);
    }

    /** RFC 4180 fields of one line; quotes only around a whole field, doubled inside it. */
    static Line split(int number, String text) {
        List<String> fields = new ArrayList<>(4);
        var field = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            field.setLength(0);
            if (i < n && text.charAt(i) == '"') {
                int open = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    field.append(c);
                    i++;
                }
                if (!closed) {
                    return new Line(number, null, "the quote opened at column " + (open + 1)
                            + " is not closed on this line (quoted fields cannot span lines)");
                }
                if (i < n && text.charAt(i) != ',') {
                    return new Line(number, null, "unexpected text after the closing quote at column " + i
                            + " (a quote inside a quoted field is written twice: \"\")");
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    char c = text.charAt(i);
                    if (c == '"') {
                        return new Line(number, null, "a quote at column " + (i + 1)
                                + " inside an unquoted field (quote the whole field and double the quote)");
                    }
                    field.append(c);
                    i++;
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return new Line(number, List.copyOf(fields), null);
            }
            i++; // the comma
        }
    }
}
