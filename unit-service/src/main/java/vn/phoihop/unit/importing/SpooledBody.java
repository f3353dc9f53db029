package vn.phoihop.unit.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.HttpStatus;
import vn.phoihop.platform.web.ApiException;

/**
 * A request body copied to a temporary file, so that an import can check the whole file before it writes
 * anything and then read it a second time, without holding it in memory. Deleted on close.
 */
final class SpooledBody implements AutoCloseable {

    private final Path file;

    private SpooledBody(Path file) {
        this.file = file;
    }

    /** Copies at most {@code maxBytes} of {@code body}; past it a 413 problem, before anything is imported. */
    static SpooledBody of(InputStream body, long maxBytes) {
        Path file;
        try {
            file = Files.createTempFile("phoihop-import-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var limited = new LimitedInputStream(body, maxBytes);
        try {
            Files.copy(limited, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new SpooledBody(file);
        } catch (LimitedInputStream.TooLarge e) {
            delete(file);
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "The file is larger than "
                    + maxBytes + " bytes; nothing was imported. Split it and import each part: importing a part"
                    + " again creates nothing twice", List.of());
        } catch (IOException e) {
            delete(file);
            throw new ApiException(HttpStatus.BAD_REQUEST, "Unreadable body", "The body could not be read to its end after "
                    + limited.count() + " bytes; nothing was imported", List.of());
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
