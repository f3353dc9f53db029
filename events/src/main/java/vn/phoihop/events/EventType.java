package vn.phoihop.events;

/**
 * A logical event type: its wire name (never a Java class name), the topic it travels on and the
 * record its {@code data} decodes to.
 */
public record EventType<T>(String name, String topic, Class<T> dataClass) {
}
