package vn.phoihop.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that writes its whole request body before it reads a byte of the answer, as Python's
 * {@code http.client} and many SDKs do: it sees an early answer only if the server keeps reading what it sends.
 * A server that closes with the body unread makes the kernel reset the connection, and this client then fails with
 * an {@link IOException} (broken pipe or connection reset) instead of returning the answer.
 */
public final class WholeBodyFirstClient {

    /** What came back: the status, the headers (names in lower case) and the body. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    private static final byte[] CHUNK = filled(64 * 1024);

    private WholeBodyFirstClient() {
    }

    /** POSTs {@code bodyBytes} bytes of JSON-looking filler with the given type and optional bearer token. */
    public static Answer post(int port, String path, String contentType, long bodyBytes, String token)
            throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            var head = new StringBuilder()
                    .append("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(bodyBytes).append("\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            for (long left = bodyBytes; left > 0; left -= CHUNK.length) {
                out.write(CHUNK, 0, (int) Math.min(CHUNK.length, left));
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine.isEmpty()) {
            throw new IOException("no answer: the connection ended before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body = headers.containsKey("content-length")
                ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                : in.readAllBytes();
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
