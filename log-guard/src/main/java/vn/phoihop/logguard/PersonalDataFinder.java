package vn.phoihop.logguard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in a piece of log text: the values the tests send ({@link PersonalDataSamples}), anywhere,
 * and any Vietnamese phone number or citizen identity number, by shape.
 *
 * <p>The shapes, and why they are this narrow:
 * <ul>
 * <li>a phone number is {@code 0} or {@code +84} and then 9 or 10 digits, the numbers unit-service accepts;</li>
 * <li>a citizen identity number (CCCD) is 12 digits starting with {@code 0}: its first three digits are the
 * province code, {@code 001} to {@code 096}. Ordinary numbers in logs (counts, timestamps, offsets, nanoseconds)
 * have no leading zero, which is what keeps this from flagging them;</li>
 * <li>either stands alone: not inside a longer run of letters, digits or {@code _} (hashes, ids, hex), not the
 * fraction of a decimal number ({@code 0.0123456789}), and not inside a UUID, whose last group can be 12 digits
 * starting with 0.</li>
 * </ul>
 */
public final class PersonalDataFinder {

    /** What was found; where a test value also has a shape, the shape names it in a redacted line. */
    public enum Kind {
        PHONE_NUMBER("a Vietnamese phone number"),
        NATIONAL_ID("a citizen identity number"),
        TEST_VALUE("a personal-data value the tests send");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        String placeholder() {
            return "<" + name().toLowerCase().replace('_', '-') + ">";
        }
    }

    /** One finding: its kind and where it is in the (NFC-normalised) text. */
    public record Finding(Kind kind, int start, int end) {
    }

    private static final String ALONE_BEFORE = "(?<![\\p{Alnum}_])(?<!\\d\\.)";
    private static final String ALONE_AFTER = "(?![\\p{Alnum}_])(?!\\.\\d)";
    static final Pattern PHONE_NUMBER = Pattern.compile(ALONE_BEFORE + "(?:0|\\+84)\\d{9,10}" + ALONE_AFTER);
    static final Pattern NATIONAL_ID = Pattern.compile(ALONE_BEFORE + "0\\d{11}" + ALONE_AFTER);
    private static final Pattern UUID = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    private static final List<Pattern> TEST_VALUES = testValues();

    private PersonalDataFinder() {
    }

    /** Every finding in {@code text}, in order; empty when it holds no personal data. */
    public static List<Finding> find(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String normalised = nfc(text);
        var found = new ArrayList<Finding>();
        for (Pattern value : TEST_VALUES) {
            for (Matcher m = value.matcher(normalised); m.find(); ) {
                found.add(new Finding(Kind.TEST_VALUE, m.start(), m.end()));
            }
        }
        var uuids = new ArrayList<int[]>();
        for (Matcher m = UUID.matcher(normalised); m.find(); ) {
            uuids.add(new int[] {m.start(), m.end()});
        }
        shapes(normalised, PHONE_NUMBER, Kind.PHONE_NUMBER, uuids, found);
        shapes(normalised, NATIONAL_ID, Kind.NATIONAL_ID, uuids, found);
        found.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::kind));
        return found;
    }

    /** Whether {@code text} holds any personal data. */
    public static boolean isIn(String text) {
        return !find(text).isEmpty();
    }

    /** The kinds found in {@code text}. */
    public static Set<Kind> kinds(List<Finding> findings) {
        var kinds = EnumSet.noneOf(Kind.class);
        findings.forEach(f -> kinds.add(f.kind()));
        return kinds;
    }

    /**
     * {@code text} with every finding replaced by a placeholder such as {@code <phone-number>}: what a failure
     * message may show without repeating the data it reports.
     */
    public static String redact(String text) {
        List<Finding> findings = find(text);
        if (findings.isEmpty()) {
            return text;
        }
        String normalised = nfc(text);
        var out = new StringBuilder();
        int at = 0;
        for (Finding f : findings) {
            if (f.end() <= at) {
                continue; // inside one already replaced (a test value is also a phone number's shape)
            }
            out.append(normalised, at, Math.max(at, f.start()));
            if (f.start() >= at) {
                out.append(f.kind().placeholder());
            }
            at = f.end();
        }
        return out.append(normalised, at, normalised.length()).toString();
    }

    /**
     * The values of {@link PersonalDataSamples}, each wherever it stands on its own: a phone number however it is
     * written ({@code 0987654321}, {@code +84987654321}, or the {@code 987654321} a JSON number makes of it) but not
     * inside a longer run of digits; a name not inside a longer word ({@code Nguyễn Văn Anh} is someone else).
     */
    private static List<Pattern> testValues() {
        var patterns = new ArrayList<Pattern>();
        for (String phone : PersonalDataSamples.phones()) {
            String significant = phone.startsWith("+84") ? phone.substring(3) : phone.substring(1);
            patterns.add(Pattern.compile("(?<!\\d)(?:0|\\+?84)?" + Pattern.quote(significant) + "(?!\\d)"));
        }
        for (String id : PersonalDataSamples.nationalIds()) {
            patterns.add(Pattern.compile("(?<!\\d)" + Pattern.quote(id) + "(?!\\d)"));
        }
        for (String name : PersonalDataSamples.names()) {
            patterns.add(Pattern.compile("(?<!\\p{L})" + Pattern.quote(nfc(name)) + "(?!\\p{L})"));
        }
        return List.copyOf(patterns);
    }

    private static void shapes(String text, Pattern pattern, Kind kind, List<int[]> uuids, List<Finding> found) {
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            int start = m.start();
            int end = m.end();
            if (uuids.stream().noneMatch(u -> start < u[1] && end > u[0])) {
                found.add(new Finding(kind, start, end));
            }
        }
    }

    private static String nfc(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
