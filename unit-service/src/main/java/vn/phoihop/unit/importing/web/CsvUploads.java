package vn.phoihop.unit.importing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.scope.Scope;

/**
 * What every CSV import request must be before its body is read: a national caller's (the ADMIN role is checked
 * by the access rules already), UTF-8, not declared too large.
 */
final class CsvUploads {

    private CsvUploads() {
    }

    static void check(HttpServletRequest request, Scope scope, long maxBytes) {
        scope.checkNational("Importing units");
        String charset = MediaType.parseMediaType(request.getContentType()).getParameter("charset");
        if (charset != null && !isUtf8(charset)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                    "Only UTF-8 CSV is accepted, not charset " + charset.replaceAll("[^A-Za-z0-9_.-]", "?"), List.of());
        }
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "The file has " + length
                    + " bytes; at most " + maxBytes + " are accepted. Split it: importing a part twice creates nothing twice",
                    List.of());
        }
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset.replace("\"", "")).equals(StandardCharsets.UTF_8);
        } catch (RuntimeException unknown) {
            return false;
        }
    }
}
