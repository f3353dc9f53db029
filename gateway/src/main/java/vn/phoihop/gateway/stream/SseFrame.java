package vn.phoihop.gateway.stream;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Events message and its bytes on the wire, encoded once. A live event's frame is made when the feed
 * reads it and shared by every subscriber that gets it: 1,000 subscribers cost one encoding, not 1,000.
 */
public final class SseFrame {

    private final String id;
    private final String event;
    private final String data;
    private final String comment;
    private final byte[] bytes;

    private SseFrame(String id, String event, String data, String comment) {
        this.id = id;
        this.event = event;
        this.data = data;
        this.comment = comment;
        this.bytes = encode().getBytes(StandardCharsets.UTF_8);
    }

    /** An event with its id (for {@code Last-Event-ID}), its name and its data. */
    public static SseFrame event(String id, String event, String data) {
        return new SseFrame(id, event, data, null);
    }

    /** A comment line, which clients ignore (heartbeats; the first one sends the headers at once). */
    public static SseFrame comment(String text) {
        return new SseFrame(null, null, null, text);
    }

    public String id() {
        return id;
    }

    public String event() {
        return event;
    }

    public String data() {
        return data;
    }

    public String comment() {
        return comment;
    }

    /** The UTF-8 bytes to write; shared, never to be changed. */
    public byte[] bytes() {
        return bytes;
    }

    // the text/event-stream format: a field per line, a multi-line value as several lines, a blank line ends it
    private String encode() {
        var out = new StringBuilder(64 + (data == null ? 0 : data.length()));
        if (comment != null) {
            field(out, "", comment);
        }
        if (id != null) {
            field(out, "id", id);
        }
        if (event != null) {
            field(out, "event", event);
        }
        if (data != null) {
            field(out, "data", data);
        }
        return out.append('\n').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        for (String line : value.split("\r\n|\r|\n", -1)) {
            out.append(name).append(':').append(line).append('\n');
        }
    }

    @Override
    public String toString() {
        return comment != null ? ":" + comment : "SseFrame[id=" + id + ", event=" + event + "]";
    }
}
