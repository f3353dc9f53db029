package vn.phoihop.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Path;
import java.text.ParseException;
import vn.phoihop.auth.files.OwnerOnlyFiles;

/**
 * The RSA key that signs tokens, kept as a private JWK in {@code $PHOIHOP_DATA/auth/signing-key.json}
 * (owner-only) so that tokens, and the caches of JWKS in every resource server, survive a restart.
 */
public final class SigningKeys {

    public static final String FILE = "auth/signing-key.json";

    private SigningKeys() {
    }

    public static RSAKey loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE).toAbsolutePath().normalize();
        String json = OwnerOnlyFiles.read(file).orElseGet(() -> OwnerOnlyFiles.createIfAbsent(file, generate().toJSONString()));
        try {
            RSAKey key = RSAKey.parse(json);
            if (!key.isPrivate()) {
                throw new IllegalStateException(file + " holds no private key");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not an RSA JWK: " + e.getMessage(), e);
        }
    }

    /** RSA 2048 for RS256; the kid is the key's RFC 7638 thumbprint, so it is stable and unique. */
    static RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
