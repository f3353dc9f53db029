package vn.phoihop.platform.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The search key of a name: what {@code q} is matched against, so that {@code can tho}, {@code CẦN THƠ} and
 * {@code Can Tho} all find {@code Thành phố Cần Thơ}. Decomposes (NFD), drops the combining marks, folds
 * {@code đ}/{@code Đ} (a letter of its own, not a mark) to {@code d}, lower-cases and collapses white space.
 */
public final class SearchKeys {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SearchKeys() {
    }

    public static String of(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
