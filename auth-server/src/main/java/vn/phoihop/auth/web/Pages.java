package vn.phoihop.auth.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.Ids;

/**
 * The lists of the admin API: ordered by id, {@code limit} 1–500 (default 50), an opaque cursor naming the last
 * id shown; {@code nextCursor} is {@code null} on the last page.
 */
public final class Pages {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** A page of a list. */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    /** Fetches one page through {@code fetch(afterId, n)}, which returns up to {@code n} items after that id. */
    public static <S, T> Page<T> page(Integer limit, String cursor, Fetch<S> fetch, Function<S, T> view,
            Function<T, String> idOf) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalid(new FieldError("limit", "must be from 1 to " + MAX_LIMIT));
        }
        List<S> found = fetch.after(cursor == null ? null : afterId(cursor), size + 1); // one more: is there a next?
        List<T> items = found.stream().limit(size).map(view).toList();
        String next = found.size() > size ? cursorAfter(idOf.apply(items.get(size - 1))) : null;
        return new Page<>(items, next);
    }

    /** Up to {@code limit} items ordered by id, after {@code afterId} ({@code null}: from the first). */
    @FunctionalInterface
    public interface Fetch<S> {
        List<S> after(String afterId, int limit);
    }

    private static String cursorAfter(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String afterId(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (id.matches(Ids.PATTERN)) {
                return id;
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below like any other cursor we did not make
        }
        throw ApiException.invalid(new FieldError("cursor", "is not a cursor this list returned"));
    }
}
