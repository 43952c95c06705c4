package dev.modeldock.service;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.modeldock.plugin.ModelDockException;
import java.nio.charset.StandardCharsets;

/**
 * Password hashing with BCrypt (at.favre.lib's implementation): the rules a new password must meet,
 * and the check of one typed at sign-in. BCrypt reads at most 72 bytes, so a longer password is
 * refused rather than silently cut.
 */
final class Passwords {
    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;
    /** 2^12 rounds: about a quarter of a second on this project's machines, per sign-in. */
    private static final int COST = 12;
    /** Compared against when the user is unknown, so that a wrong name takes as long as a wrong password. */
    private static final String DECOY = BCrypt.withDefaults().hashToString(COST, "decoy-password".toCharArray());

    private Passwords() {
    }

    static String hash(char[] password) {
        check(password);
        return BCrypt.withDefaults().hashToString(COST, password);
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no password set) never matches. */
    static boolean matches(char[] password, String hash) {
        boolean verified = BCrypt.verifyer().verify(password, hash == null ? DECOY : hash).verified;
        return verified && hash != null;
    }

    private static void check(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new ModelDockException("the password is too short: use at least " + MIN_LENGTH + " characters");
        }
        if (StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password)).remaining() > MAX_BYTES) {
            throw new ModelDockException("the password is too long: BCrypt reads at most " + MAX_BYTES
                    + " bytes (UTF-8), so use fewer characters");
        }
    }
}
