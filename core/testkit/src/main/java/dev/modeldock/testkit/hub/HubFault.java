package dev.modeldock.testkit.hub;

/**
 * A way the fake hub misbehaves when it sends one file's bytes (on whichever server sends them).
 *
 * @param kind  what goes wrong
 * @param bytes for {@link Kind#CUT}, {@link Kind#STALL}: after how many bytes
 * @param times how many responses misbehave before the file is served normally again
 */
public record HubFault(Kind kind, long bytes, int times) {
    public enum Kind {
        /** The connection is closed after {@code bytes} bytes. */
        CUT,
        /** The bytes sent differ from the file's (one byte flipped), headers unchanged. */
        CORRUPT,
        /** After {@code bytes} bytes the server sends nothing more and keeps the connection open. */
        STALL,
        /** Every 16 KiB is followed by a pause of {@code bytes} milliseconds. */
        SLOW
    }

    /** Closes the connection after {@code bytes} bytes, once. */
    public static HubFault cutAfter(long bytes) {
        return new HubFault(Kind.CUT, bytes, 1);
    }

    /** Sends wrong bytes every time. */
    public static HubFault corrupt() {
        return new HubFault(Kind.CORRUPT, 0, Integer.MAX_VALUE);
    }

    /** Stops sending after {@code bytes} bytes, every time. */
    public static HubFault stallAfter(long bytes) {
        return new HubFault(Kind.STALL, bytes, Integer.MAX_VALUE);
    }

    /** Pauses {@code millis} after every 16 KiB, every time. */
    public static HubFault slow(long millis) {
        return new HubFault(Kind.SLOW, millis, Integer.MAX_VALUE);
    }
}
