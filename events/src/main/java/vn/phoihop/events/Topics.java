package vn.phoihop.events;

/** Kafka topic names. Each has a dead-letter twin named {@code <topic>.dlt}. */
public final class Topics {

    public static final String UNITS = "units";
    public static final String ACTIVITIES = "activities";
    public static final String PROGRAMS = "programs";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
