package vn.phoihop.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a session's tokens (AES-256-GCM) under a key derived from the cookie's value, which the database never
 * holds (it keeps only another hash of it): a dump or backup carries no usable access or refresh token.
 */
final class TokenCipher {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenCipher() {
    }

    static String seal(String cookieValue, String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, cookieValue, iv);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a session's tokens", e);
        }
    }

    /** @throws GeneralSecurityException when the data was changed or the key is not this cookie's */
    static String open(String cookieValue, String sealedBase64) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(sealedBase64);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, cookieValue, java.util.Arrays.copyOf(in, 12));
        return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    }

    private static Cipher cipher(int mode, String cookieValue, byte[] iv) throws GeneralSecurityException {
        byte[] key = MessageDigest.getInstance("SHA-256")
                .digest(("session-key:" + cookieValue).getBytes(StandardCharsets.UTF_8));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        return cipher;
    }
}
