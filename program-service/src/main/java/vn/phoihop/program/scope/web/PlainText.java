package vn.phoihop.program.scope.web;

/**
 * The shape of free text in a body (titles, names, issuers): anything but a leading {@code $}, which Mongo would read
 * as an operator or, in an aggregation, a field path. Stored text is never put in a query, so this is a second wall.
 */
public final class PlainText {

    public static final String PATTERN = "(?s)[^$].*";
    public static final String MESSAGE = "must not start with $";

    private PlainText() {
    }
}
