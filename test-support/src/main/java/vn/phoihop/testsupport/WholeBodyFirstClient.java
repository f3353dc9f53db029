package vn.phoihop.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP/1.1 client that writes its whole request body before it reads a byte of the answer, as Python's
 * {@code http.client} and many SDKs do: it sees an early answer only if the server keeps reading what it sends.
 * A server that closes with the body unread makes the kernel reset the connection, and this client then fails with
 * an {@link IOException} (broken pipe or connection reset) instead of returning the answer. The answer is read
 * and parsed as {@link RawHttp} does.
 */
public final class WholeBodyFirstClient {

    private static final byte[] CHUNK = filled(64 * 1024);

    private WholeBodyFirstClient() {
    }

    /** POSTs {@code bodyBytes} bytes of JSON-looking filler with the given type and optional bearer token. */
    public static RawHttp.Response post(int port, String path, String contentType, long bodyBytes, String token)
            throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(500); // RawHttp.readAnswer polls its own deadline
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
            return RawHttp.parse(RawHttp.readAnswer(socket.getInputStream()));
        }
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
