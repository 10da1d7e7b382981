package io.plantstream.testkit.kafka;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets: nothing the fixtures start has a fixed or default password. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
