package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts target secrets (database passwords) before they reach the registry's tables, with
 * AES-256-GCM under a key kept outside the database: {@code MODELDOCK_SECRET_KEY} (base64 of 32
 * bytes) or, failing that, {@code secret.key} in the data folder, made on first use and readable by
 * its owner only. A copy of the database alone does not reveal the secrets.
 */
public final class SecretBox {
    public static final String KEY_ENV = "MODELDOCK_SECRET_KEY";
    static final String KEY_FILE = "secret.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new ModelDockException("the secret key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key from {@value #KEY_ENV} when set, else from (or newly into) {@code dataDir/secret.key}. */
    public static SecretBox forDataDir(Path dataDir, String keyFromEnvironment) throws IOException {
        if (keyFromEnvironment != null && !keyFromEnvironment.isBlank()) {
            try {
                return new SecretBox(Base64.getDecoder().decode(keyFromEnvironment.strip()));
            } catch (IllegalArgumentException e) {
                throw new ModelDockException(KEY_ENV + " is not base64 of " + KEY_BYTES + " bytes");
            }
        }
        Path file = dataDir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            try {
                OwnerOnlyFile.create(file, Base64.getEncoder().encodeToString(fresh) + "\n");
            } catch (FileAlreadyExistsException raced) {
                // another server process made it first: use theirs
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return new SecretBox(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new ModelDockException(file + " does not hold a base64 key of " + KEY_BYTES + " bytes");
        }
    }

    public String encrypt(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** @throws ModelDockException when the text was sealed with another key or altered */
    public String decrypt(String sealedText) {
        try {
            byte[] all = Base64.getDecoder().decode(sealedText);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ModelDockException("cannot decrypt a stored secret: it was encrypted with another key ("
                    + KEY_ENV + " or secret.key changed) or it was altered");
        }
    }
}
