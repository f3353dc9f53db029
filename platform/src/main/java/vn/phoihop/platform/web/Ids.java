package vn.phoihop.platform.web;

/** The shape of every id in paths and bodies: nothing a query could read as an operator. */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9_-]{1,64}";
    public static final String MESSAGE = "must be an id of letters, digits, _ and -";

    private Ids() {
    }
}
