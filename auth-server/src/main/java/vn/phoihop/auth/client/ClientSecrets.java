package vn.phoihop.auth.client;

import java.security.SecureRandom;
import java.util.Base64;

/** Client secrets and generated passwords: 256 random bits, URL-safe so they go into a Basic header or a form without escaping. */
public final class ClientSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
