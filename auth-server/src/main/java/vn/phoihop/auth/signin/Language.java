package vn.phoihop.auth.signin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages of the sign-in page, with its texts: Vietnamese first, and the default. */
enum Language {
    VI("vi", "Đăng nhập phoihop", "Tên đăng nhập", "Mật khẩu", "Đăng nhập",
            "Tên đăng nhập hoặc mật khẩu không đúng.", "Tiếng Việt"),
    EN("en", "Sign in to phoihop", "Username", "Password", "Sign in",
            "Wrong username or password.", "English");

    final String tag;
    final String title;
    final String username;
    final String password;
    final String submit;
    final String wrongCredentials;
    final String ownName;

    Language(String tag, String title, String username, String password, String submit, String wrongCredentials,
            String ownName) {
        this.tag = tag;
        this.title = title;
        this.username = username;
        this.password = password;
        this.submit = submit;
        this.wrongCredentials = wrongCredentials;
        this.ownName = ownName;
    }

    /** {@code ?lang=} when it names one of ours, else the first of ours in {@code Accept-Language}, else Vietnamese. */
    static Language choose(String lang, String acceptLanguage) {
        return byTag(lang).or(() -> preferred(acceptLanguage)).orElse(VI);
    }

    static Optional<Language> byTag(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equalsIgnoreCase(tag == null ? "" : tag.strip())).findFirst();
    }

    private static Optional<Language> preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        try {
            List<String> ours = Arrays.stream(values()).map(l -> l.tag).toList();
            return Optional.ofNullable(Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), ours))
                    .flatMap(Language::byTag);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
