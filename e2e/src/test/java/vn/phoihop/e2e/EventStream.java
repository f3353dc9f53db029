package vn.phoihop.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;

/** {@code GET /api/v1/stream} read in the background: every Server-Sent Event that arrives, in order. */
final class EventStream implements AutoCloseable {

    record Event(String id, String event, String data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile Stream<String> lines;
    private volatile int status;

    /** Opens the stream and returns once the gateway has answered and sent its first line. */
    static EventStream open(Gateway gateway) throws Exception {
        return open(gateway, "");
    }

    /** Opens {@code /api/v1/stream?<query>}. */
    static EventStream open(Gateway gateway, String query) throws Exception {
        return open(gateway, query, "Authorization", "Bearer " + gateway.token);
    }

    /** Opens {@code /api/v1/stream?<query>} authenticated by {@code header} (a session cookie, say). */
    static EventStream open(Gateway gateway, String query, String header, String value) throws Exception {
        var stream = new EventStream();
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/api/v1/stream" + (query.isEmpty() ? "" : "?" + query)))
                .header(header, value)
                .header("Accept", "text/event-stream")
                .GET().build();
        gateway.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            stream.status = response.statusCode();
            stream.lines = response.body();
            Thread reader = new Thread(() -> stream.read(response.body()), "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }).exceptionally(failure -> {
            stream.connected.completeExceptionally(failure);
            return null;
        });
        stream.connected.get(30, TimeUnit.SECONDS);
        return stream;
    }

    int status() {
        return status;
    }

    /** The first event received that is {@code wanted}, waiting up to {@code seconds} for it; fails the test if none. */
    Event await(Predicate<Event> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Optional<Event> found = events.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(250);
        }
        return Assertions.fail("no matching event on /api/v1/stream; received: %s", events);
    }

    private void read(Stream<String> body) {
        String id = null;
        String event = null;
        var data = new StringBuilder();
        try {
            for (var it = body.iterator(); it.hasNext(); ) {
                String line = it.next();
                connected.complete(null);
                if (line.isEmpty()) {
                    if (data.length() > 0 || event != null) {
                        events.add(new Event(id, event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    event = value(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(value(line));
                }
            }
        } catch (RuntimeException closed) {
            // the stream was closed: by us, or by the gateway stopping
        }
        connected.complete(null);
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
    }
}
