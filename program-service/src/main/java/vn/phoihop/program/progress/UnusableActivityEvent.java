package vn.phoihop.program.progress;

import vn.phoihop.events.MalformedEventException;

/**
 * An activity event that decodes but cannot be applied: a required field is missing, a figure is negative, or it
 * names a program or indicator this service does not have. Retrying cannot help, so, like a malformed event, it goes
 * to the dead-letter topic at once with this message as the reason.
 */
public class UnusableActivityEvent extends MalformedEventException {

    public UnusableActivityEvent(String activityId, String reason) {
        super("activity " + activityId + ": " + reason, null);
    }
}
