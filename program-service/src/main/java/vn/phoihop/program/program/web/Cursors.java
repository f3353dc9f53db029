package vn.phoihop.program.program.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/** Opaque list cursors: the last code of a page, so a client cannot put a query of its own in it. */
final class Cursors {

    private Cursors() {
    }

    static String encode(String lastCode) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastCode.getBytes(StandardCharsets.UTF_8));
    }

    /** The code a cursor carries, if it is one this service issued (a code of the right shape). */
    static String decode(String cursor, String codePattern) {
        try {
            String code = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (code.matches(codePattern)) {
                return code;
            }
        } catch (IllegalArgumentException notBase64) {
            // the same answer as for any other cursor we did not issue
        }
        throw ApiException.invalid(new FieldError("cursor", "is not a cursor from a previous page"));
    }
}
