package vn.phoihop.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path data;

    @Test
    void keyIsCreatedOwnerOnlyAndReusedAfterwards() throws Exception {
        RSAKey first = SigningKeys.loadOrCreate(data);
        Path file = data.resolve(SigningKeys.FILE);

        assertThat(first.size()).isEqualTo(2048);
        assertThat(first.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(first.getKeyID()).isEqualTo(first.computeThumbprint().toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");

        RSAKey again = SigningKeys.loadOrCreate(data);
        assertThat(again.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(again.toRSAPrivateKey()).isEqualTo(first.toRSAPrivateKey());
    }

    @Test
    void aPublicOnlyKeyFileIsRefused() throws Exception {
        Path file = data.resolve(SigningKeys.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, SigningKeys.generate().toPublicJWK().toJSONString());

        assertThatThrownBy(() -> SigningKeys.loadOrCreate(data)).hasMessageContaining("no private key");
    }
}
