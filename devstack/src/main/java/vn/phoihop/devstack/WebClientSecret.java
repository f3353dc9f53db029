package vn.phoihop.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret of auth-server's {@code web} client, which the gateway signs people in with: {@code WEB_CLIENT_SECRET}
 * if set; else the content of {@code $PHOIHOP_DATA/web-client-secret}; else 256 random bits written there once,
 * owner-only, never printed. Written to a temporary file and hard-linked into place, so no process sees half of it
 * and two starts on one data dir cannot disagree (as auth-server keeps the admin client's secret).
 */
final class WebClientSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebClientSecret() {
    }

    static String resolve(Settings settings) {
        if (settings.webClientSecret().isPresent()) {
            return settings.webClientSecret().get();
        }
        Path file = settings.webSecretFile();
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path temporary = Files.createTempFile(file.getParent(), ".web-client-secret", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, secret, StandardCharsets.UTF_8);
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            } finally {
                Files.deleteIfExists(temporary);
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the web client's secret in " + file, e);
        }
    }
}
