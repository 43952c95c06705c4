package dev.modeldock.ui.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the catalog and model pages write sizes, times and figures: short, and the same everywhere. */
public final class ModelFormats {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ModelFormats() {
    }

    /** Decimal units (1 MB = 1,000,000 bytes): {@code 86.2 MB}, {@code 512 B}. */
    public static String size(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, value < 10 ? "%.2f %s" : "%.1f %s", value,
                UNITS[unit]);
    }

    public static String day(Instant at) {
        return DAY.format(at);
    }

    public static String minute(Instant at) {
        return MINUTE.format(at);
    }

    /** The time of day of {@link #minute}: {@code 13:01 UTC}. */
    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** A cosine similarity to six places ({@code 0.999987}); a dash when not measured. */
    public static String cosine(Double cosine) {
        return cosine == null ? "–" : String.format(Locale.ROOT, "%.6f", cosine);
    }

    /** A share as a whole percentage ({@code 75 %}); a dash when not measured. */
    public static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    /** The first 12 hex digits of a SHA-256, enough to tell versions apart by eye. */
    public static String shortSha(String sha256) {
        return sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }
}
