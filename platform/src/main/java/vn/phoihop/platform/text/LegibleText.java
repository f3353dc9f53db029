package vn.phoihop.platform.text;

/**
 * Whether text shown to people (a name, a title, a reason) reads as what it holds. Refused: control characters
 * (C0, DEL, C1; tab and line breaks too, except in text of several lines), format characters (bidirectional marks,
 * embeddings, overrides and isolates such as U+202E, which make "exe.gnp" display as "png.exe"; zero-width and other
 * invisible ones, which make two different names look alike), line and paragraph separators, and unpaired
 * surrogates. The zero-width joiner and non-joiner stay allowed: some scripts and emoji need them to render at all.
 */
public final class LegibleText {

    public static final String MESSAGE = "must not hold control, bidirectional or invisible formatting characters";

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private LegibleText() {
    }

    /** The index of the first character such text must not hold, or -1. */
    public static int firstIllegible(CharSequence text) {
        return firstIllegible(text, false);
    }

    /** As {@link #firstIllegible(CharSequence)}; with {@code lines}, tabs and line breaks (CR, LF) are allowed. */
    public static int firstIllegible(CharSequence text, boolean lines) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            if (!allowed(c, lines)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /** Why the text is refused, naming the first offending code point but never the text; null when it is legible. */
    public static String problem(CharSequence text) {
        return problem(text, false);
    }

    public static String problem(CharSequence text, boolean lines) {
        int at = firstIllegible(text, lines);
        return at < 0 ? null : MESSAGE + " (found " + codePoint(Character.codePointAt(text, at)) + ")";
    }

    private static boolean allowed(int c, boolean lines) {
        return switch (Character.getType(c)) {
            case Character.CONTROL -> lines && (c == '\n' || c == '\r' || c == '\t');
            case Character.FORMAT -> c == ZWNJ || c == ZWJ;
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> false;
            default -> true;
        };
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
