package vn.phoihop.auth.key;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.bson.Document;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.keygen.KeyGenerators;
import vn.phoihop.auth.client.ClientSecrets;
import vn.phoihop.auth.files.OwnerOnlyFiles;

/**
 * Encrypts the private part of signing keys before they go to MongoDB, so a copy of the database (a backup, a
 * dump) cannot sign tokens. AES-256-GCM (authenticated: a changed ciphertext fails to decrypt) with a key derived
 * by PBKDF2 from the secret and a random salt per key, as Spring Security's {@code Encryptors.stronger} does.
 * The secret lives outside the database: {@code PHOIHOP_KEY_ENCRYPTION_SECRET}, else the owner-only file
 * {@code $PHOIHOP_DATA/key-encryption-secret}, generated on first start.
 */
public final class KeyEncryption {

    public static final String FILE_NAME = "key-encryption-secret";
    static final int MIN_SECRET_LENGTH = 32;
    private static final String ALGORITHM = "AES-256-GCM/PBKDF2";

    private final String secret;

    KeyEncryption(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the key-encryption secret must have at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        this.secret = secret;
    }

    /** The operator's secret if given, else the one in the data directory, made on first use; never printed. */
    public static KeyEncryption resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new KeyEncryption(configured.trim());
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        return new KeyEncryption(OwnerOnlyFiles.read(file)
                .orElseGet(() -> OwnerOnlyFiles.createIfAbsent(file, ClientSecrets.generate())));
    }

    Document encrypt(String plaintext) {
        String salt = KeyGenerators.string().generateKey();
        byte[] encrypted = Encryptors.stronger(secret, salt).encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
        return new Document("alg", ALGORITHM).append("salt", salt)
                .append("data", Base64.getEncoder().encodeToString(encrypted));
    }

    /** @throws IllegalStateException when the secret is not the one the text was encrypted with */
    String decrypt(Document encrypted, String kid) {
        try {
            byte[] data = Base64.getDecoder().decode(encrypted.getString("data"));
            return new String(Encryptors.stronger(secret, encrypted.getString("salt")).decrypt(data), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid + ": the key-encryption secret "
                    + "(PHOIHOP_KEY_ENCRYPTION_SECRET or $PHOIHOP_DATA/" + FILE_NAME + ") is not the one it was "
                    + "encrypted with", e);
        }
    }
}
