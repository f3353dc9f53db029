package vn.phoihop.events;

/** An event that cannot be decoded; consumers send it to the dead-letter topic with this message. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
