package vn.phoihop.unit.importing.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import vn.phoihop.platform.web.ApiException;

/** What every CSV import request must be before its body is read: an admin's, UTF-8, not declared too large. */
final class CsvUploads {

    private CsvUploads() {
    }

    static void check(HttpServletRequest request, Authentication caller, long maxBytes) {
        if (caller.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "Importing units needs the ADMIN role", List.of());
        }
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
