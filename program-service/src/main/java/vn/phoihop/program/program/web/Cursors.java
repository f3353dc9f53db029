package vn.phoihop.program.program.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/** Opaque list cursors: the position of a page's last item, so a client cannot put a query of its own in it. */
public final class Cursors {

    private Cursors() {
    }

    /** A page of a list and the cursor of the next one (null on the last page). */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    /** The page of {@code fetched} (read with {@code limit + 1}, to tell whether more follow). */
    public static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> position) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        return new Page<>(items, encode(position.apply(items.get(limit - 1))));
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor carries, if it is one this service issued (a position of the right shape). */
    public static String decode(String cursor, String positionPattern) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (position.matches(positionPattern)) {
                return position;
            }
        } catch (IllegalArgumentException notBase64) {
            // the same answer as for any other cursor we did not issue
        }
        throw ApiException.invalid(new FieldError("cursor", "is not a cursor from a previous page"));
    }
}
