package vn.phoihop.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionTest {

    private static final String SECRET = "a-key-encryption-secret-of-32-chars+";

    @TempDir
    Path data;

    @Test
    void aKeyEncryptedIsReadBackAndTheCiphertextHoldsNoneOfIt() throws Exception {
        RSAKey key = SigningKeys.generate();
        var encryption = KeyEncryption.resolve(SECRET, data);

        Document stored = encryption.encrypt(key.toJSONString());

        assertThat(stored.toJson()).doesNotContain(key.getPrivateExponent().toString())
                .doesNotContain(key.getKeyID()).contains("AES-256-GCM");
        assertThat(RSAKey.parse(encryption.decrypt(stored, key.getKeyID()))).isEqualTo(key);
        assertThat(encryption.encrypt(key.toJSONString()).getString("data")).as("a new salt and IV each time")
                .isNotEqualTo(stored.getString("data"));
        assertThat(data.resolve(KeyEncryption.FILE_NAME)).as("a configured secret is not written").doesNotExist();
    }

    @Test
    void anotherSecretOrAChangedCiphertextCannotDecrypt() {
        Document stored = KeyEncryption.resolve(SECRET, data).encrypt("{\"kty\":\"RSA\"}");

        assertThatThrownBy(() -> KeyEncryption.resolve(SECRET + "x", data).decrypt(stored, "kid-1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kid-1")
                .hasMessageContaining("PHOIHOP_KEY_ENCRYPTION_SECRET");
        byte[] data = java.util.Base64.getDecoder().decode(stored.getString("data"));
        data[data.length - 1] ^= 1;
        Document tampered = new Document(stored).append("data", java.util.Base64.getEncoder().encodeToString(data));
        assertThatThrownBy(() -> KeyEncryption.resolve(SECRET, this.data).decrypt(tampered, "kid-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> KeyEncryption.resolve("too-short", data)).hasMessageContaining("at least 32");
    }

    @Test
    void withoutOneASecretIsGeneratedOwnerOnlyAndKeptForTheNextStart() throws Exception {
        Document stored = KeyEncryption.resolve(null, data).encrypt("text");
        Path file = data.resolve(KeyEncryption.FILE_NAME);

        assertThat(Files.readString(file)).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyEncryption.resolve("", data).decrypt(stored, "k")).isEqualTo("text");
    }

    @Test
    void generatedKeysAreRsa2048ForRs256NamedByTheirThumbprint() throws Exception {
        RSAKey key = SigningKeys.generate();
        assertThat(key.size()).isEqualTo(2048);
        assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(SigningKeys.generate().getKeyID()).isNotEqualTo(key.getKeyID());
    }
}
