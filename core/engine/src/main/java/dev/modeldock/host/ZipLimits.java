package dev.modeldock.host;

/**
 * How large a plugin zip may be, checked before it is unpacked: its own size, the total its entries
 * declare (and are counted to really inflate to), and how many entries it holds. A zip bomb is a
 * small file declaring, or inflating to, far more than any plugin needs.
 *
 * @param maxZipBytes          the zip file itself
 * @param maxUnpackedBytes     all entries together, uncompressed
 * @param maxEntries           files and folders in the zip
 */
public record ZipLimits(long maxZipBytes, long maxUnpackedBytes, int maxEntries) {
    /** 64 MiB of zip, 512 MiB unpacked, 10,000 entries: several times the largest built-in plugin. */
    public static final ZipLimits DEFAULT = new ZipLimits(64L << 20, 512L << 20, 10_000);

    public ZipLimits {
        if (maxZipBytes < 1 || maxUnpackedBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("zip limits must be positive: " + maxZipBytes + ", "
                    + maxUnpackedBytes + ", " + maxEntries);
        }
    }
}
