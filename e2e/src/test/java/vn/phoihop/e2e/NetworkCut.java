package vn.phoihop.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser's network, as a forward HTTP proxy ({@code --proxy-server}) the test can cut: every request of the
 * page and of its service worker passes here, so "offline" really is offline for both (Chromium's network
 * emulation of a page leaves its service worker's own fetches alone). It can also answer 502 to a batch after the
 * gateway stored it, as a connection lost on the way back would. One request per connection ({@code Connection:
 * close}), which is all a test needs.
 */
final class NetworkCut implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "network-cut");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean offline;
    /** Batches still to be answered 502 after the gateway answered them. */
    final AtomicInteger batchesToCut = new AtomicInteger();
    /** "METHOD /path" of every request forwarded, in order. */
    final List<String> forwarded = new CopyOnWriteArrayList<>();
    /** How long the gateway took to answer each batch, in ms (sent to answer read). */
    final List<Long> batchMillis = new CopyOnWriteArrayList<>();

    NetworkCut() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    /** The Chromium arguments that send every request, loopback included, through here. */
    List<String> chromiumArguments() {
        return List.of("--proxy-server=http://127.0.0.1:" + server.getLocalPort(), "--proxy-bypass-list=<-loopback>");
    }

    /** No connection goes through, and those open (the event stream's) are dropped. */
    void cut() {
        offline = true;
        open.forEach(NetworkCut::closeQuietly);
    }

    void restore() {
        offline = false;
    }

    long batches() {
        return forwarded.stream().filter(line -> line.startsWith("POST /api/v1/activities/batch")).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (offline) {
                    closeQuietly(client);
                } else {
                    threads.submit(() -> relay(client));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        open.add(client);
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null || offline) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] start = lines[0].split(" ");
            if (start.length != 3 || start[0].equals("CONNECT")) {
                return;
            }
            URI target = URI.create(start[1]);
            String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            var request = new StringBuilder(start[0]).append(' ').append(path).append(' ').append(start[2]).append("\r\n");
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim().toLowerCase();
                if (name.equals("proxy-connection") || name.equals("connection") || name.equals("keep-alive")) {
                    continue;
                }
                if (name.equals("content-length")) {
                    length = Integer.parseInt(lines[i].substring(lines[i].indexOf(':') + 1).trim());
                }
                request.append(lines[i]).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(length);
            forwarded.add(start[0] + " " + path);
            boolean cutAnswer = start[0].equals("POST") && path.startsWith("/api/v1/activities/batch")
                    && batchesToCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                open.add(upstream);
                OutputStream out = upstream.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                long sent = System.nanoTime();
                boolean batch = path.startsWith("/api/v1/activities/batch");
                if (cutAnswer) {
                    upstream.getInputStream().readAllBytes(); // the gateway stored the batch and answered: lost
                    byte[] problem = "{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502}"
                            .getBytes(StandardCharsets.UTF_8);
                    client.getOutputStream().write(("HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/problem+json\r\n"
                            + "Content-Length: " + problem.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().write(problem);
                    client.getOutputStream().flush();
                } else {
                    upstream.getInputStream().transferTo(client.getOutputStream());
                }
                if (batch) {
                    batchMillis.add((System.nanoTime() - sent) / 1_000_000);
                }
            } finally {
                open.removeIf(Socket::isClosed);
            }
        } catch (IOException | RuntimeException dropped) {
            // the browser or the test let go: nothing to answer
        } finally {
            open.remove(client);
        }
    }

    /** The request's line and headers, up to the blank line; null if the connection ended first. */
    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
            if (head.size() > 64 * 1024) {
                return null;
            }
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(NetworkCut::closeQuietly);
        threads.shutdownNow();
    }
}
