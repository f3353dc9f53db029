package vn.phoihop.auth.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** Files only their owner may read: the admin secret and the signing key. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** The file's text, trimmed, or empty when the file is missing or blank. */
    public static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Writes {@code content} unless a non-blank file is already there, and returns what the file holds
     * afterwards. The content goes to an owner-only temporary file first and is moved into place
     * atomically, so a reader never sees half a key and two processes starting together on one data
     * directory end up agreeing on the first one written.
     */
    public static String createIfAbsent(Path file, String content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            createOwnerOnlyDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp"); // rw------- on POSIX
            try {
                restrictToOwner(tmp, "rw-------");
                Files.writeString(tmp, content);
                if (read(file).isEmpty()) {
                    Files.deleteIfExists(file); // a blank leftover
                }
                publish(tmp, file);
                return content;
            } catch (FileAlreadyExistsException raced) {
                return read(file).orElseThrow(() -> new IllegalStateException(file + " is blank"));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** link(2) fails when the target exists, where rename(2) would silently replace it. */
    private static void publish(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof FileAlreadyExistsException exists) {
                throw exists;
            }
            Files.move(tmp, file); // no hard links here: fails too if the file appeared meanwhile
        }
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrictToOwner(dir, "rwx------");
        }
    }

    private static void restrictToOwner(Path path, String permissions) throws IOException {
        if (Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
