package vn.phoihop.auth.client;

import java.io.PrintStream;
import java.nio.file.Path;
import vn.phoihop.auth.files.OwnerOnlyFiles;

/**
 * Finds the {@code admin} client's secret: the operator's ({@code ADMIN_CLIENT_SECRET}), else the one
 * kept in {@code $PHOIHOP_DATA/admin-client-secret}, else a new random one, written to that file
 * (owner-only) and printed once on stdout: the only place it is ever shown.
 */
public final class AdminClientSecret {

    public static final String FILE_NAME = "admin-client-secret";

    private AdminClientSecret() {
    }

    public static String resolve(String configured, Path dataDir, PrintStream console) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        return OwnerOnlyFiles.read(file).orElseGet(() -> {
            String created = OwnerOnlyFiles.createIfAbsent(file, ClientSecrets.generate());
            // stdout on purpose, not a logger: log files are shipped and kept, the console is the operator's
            console.println("Generated the secret of OAuth2 client 'admin': " + created
                    + " (saved to " + file + ", not shown again)");
            return created;
        });
    }
}
