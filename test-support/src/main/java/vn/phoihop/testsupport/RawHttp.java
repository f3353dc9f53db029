package vn.phoihop.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte, for requests no proper client would send: a malformed percent-escape
 * ({@code %ZZ}), raw bytes that are not UTF-8 in the request line or a header. {@code java.net.URI} refuses the
 * first and {@code HttpClient} the others, so they are written to a socket as ISO-8859-1 (one char, one byte).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The answer: status, headers (names in lower case) and body as UTF-8. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code GET target} with {@code headers} (each {@code "Name: value"}); the connection is closed after it. */
    public static Response get(int port, String target, String... headers) throws IOException {
        return send(port, "GET", target, null, null, headers);
    }

    public static Response send(int port, String method, String target, String contentType, String body,
            String... headers) throws IOException {
        var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length)
                    .append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(500);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return parse(readAnswer(socket.getInputStream()));
        }
    }

    /** Until the answer is complete or the server closes; an answer that never ends (a stream) is cut after 10 s. */
    static byte[] readAnswer(InputStream in) throws IOException {
        var read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !complete(read.toByteArray())) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                read.write(buffer, 0, n);
            } catch (java.net.SocketTimeoutException e) {
                // nothing yet: look at the deadline again
            }
        }
        return read.toByteArray();
    }

    private static boolean complete(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int at = head.indexOf("\ncontent-length:");
        if (at >= 0) {
            int lineEnd = head.indexOf('\r', at + 1);
            long length = Long.parseLong(head.substring(at + 16, lineEnd < 0 ? head.length() : lineEnd).trim());
            return raw.length - (end + 4) >= length;
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) throws IOException {
        var out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            var size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.skip(2);
        }
    }
}
