package dev.modeldock.registry.internal;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Names;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests as the registry writes them: 64 lowercase hex characters. */
public final class Sha256Hex {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Sha256Hex() {
    }

    /**
     * Returns {@code value} when it is a SHA-256 in the registry's form.
     *
     * @throws ModelDockException naming the value, shortened and with control characters escaped,
     *                            since it may come from a URL or a client and end up in a log line
     */
    public static String require(String value) {
        if (value == null) {
            throw new ModelDockException("no SHA-256 given: expected 64 lowercase hexadecimal characters");
        }
        if (!SHA256.matcher(value).matches()) {
            throw new ModelDockException("'" + Names.printable(value) + "' is not a SHA-256: expected 64 lowercase"
                    + " hexadecimal characters");
        }
        return value;
    }

    /** The hex form of a finished digest. */
    public static String of(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
