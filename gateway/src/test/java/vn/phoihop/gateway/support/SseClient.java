package vn.phoihop.gateway.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a text/event-stream on a background thread into parsed events (comments included). */
public final class SseClient implements AutoCloseable {

    /** One dispatched SSE block; {@code comment} is set for comment lines. */
    public record Event(String id, String event, String data, String comment) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final CompletableFuture<Void> reader;

    public SseClient(HttpClient http, HttpRequest request) throws Exception {
        response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        reader = CompletableFuture.runAsync(this::read);
    }

    public int status() {
        return response.statusCode();
    }

    public Event next(Duration timeout) throws InterruptedException {
        Event next = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no SSE event within " + timeout);
        }
        return next;
    }

    /** Events (not comments) until one with this id arrives. */
    public List<Event> eventsUntilId(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var seen = new ArrayList<Event>();
        while (true) {
            Event next = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (next.comment() == null) {
                seen.add(next);
                if (id.equals(next.id())) {
                    return seen;
                }
            }
        }
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (event != null || data != null) {
                        events.add(new Event(id, event, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1)));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder(line.substring(5)) : data.append('\n').append(line.substring(5));
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    @Override
    public void close() {
        reader.cancel(true);
        response.body().close();
    }
}
