package dev.modeldock.host;

import dev.modeldock.host.internal.ZipDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a plugin zip safely: the one unpacker for zips found in plugin folders and for zips
 * uploaded to a server. Everything that can be refused from the zip's central directory is refused
 * before a byte is written (its size, its entry count, the sizes its entries declare, a name that is
 * absolute, climbs out with {@code ..}, names a drive, or repeats, a symbolic link); while inflating,
 * bytes are counted, so an entry that inflates past what it declared is refused too.
 */
public final class PluginZip {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private PluginZip() {
    }

    /**
     * Unpacks {@code zip} into the empty or missing folder {@code into}. On a refusal, what was
     * written so far is left for the caller to delete with {@code into}.
     *
     * @param what the zip as messages name it, e.g. "plugin zip 'acme.zip'"
     * @throws PluginRefusedException naming the entry or the limit; {@link PluginRefusedException#tooLarge()}
     *                                for a limit
     */
    public static void unpack(Path zip, Path into, ZipLimits limits, String what) throws IOException {
        long zipBytes = Files.size(zip);
        if (zipBytes > limits.maxZipBytes()) {
            throw PluginRefusedException.tooLarge(what + " is " + zipBytes + " bytes, more than the "
                    + limits.maxZipBytes() + " a plugin zip may have");
        }
        List<ZipDirectory.Entry> entries = ZipDirectory.read(zip, what);
        check(entries, into, limits, what);
        Files.createDirectories(into);
        long[] written = {0};
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipDirectory.Entry declared : entries) {
                ZipEntry entry = file.getEntry(declared.name());
                Path target = into.resolve(declared.name()).normalize();
                if (entry == null || entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, declared, written, limits, what);
                }
            }
        } catch (ZipException e) {
            throw new PluginRefusedException(what + " is not a valid zip (" + e.getMessage() + "); zip the plugin"
                    + " folder again");
        }
    }

    /** What the central directory alone can refuse: nothing has been written yet. */
    private static void check(List<ZipDirectory.Entry> entries, Path into, ZipLimits limits, String what) {
        if (entries.size() > limits.maxEntries()) {
            throw PluginRefusedException.tooLarge(what + " holds " + entries.size() + " entries, more than the "
                    + limits.maxEntries() + " a plugin zip may have");
        }
        long declared = 0;
        Set<String> names = new HashSet<>();
        Path root = into.toAbsolutePath().normalize();
        for (ZipDirectory.Entry entry : entries) {
            String name = entry.name();
            if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || DRIVE.matcher(name).matches()
                    || name.indexOf('\0') >= 0 || List.of(name.split("/")).contains("..")
                    || !root.resolve(name).normalize().startsWith(root)) {
                throw new PluginRefusedException(what + " has the entry '" + printable(name) + "', a path that"
                        + " would leave the plugin's folder; a plugin zip holds only relative paths inside it");
            }
            if (entry.symlink()) {
                throw new PluginRefusedException(what + " has the symbolic link '" + printable(name) + "'; a plugin"
                        + " zip holds only files and folders");
            }
            if (!names.add(name)) {
                throw new PluginRefusedException(what + " holds the entry '" + printable(name) + "' twice; zip the"
                        + " plugin folder again");
            }
            declared += entry.size();
            if (declared > limits.maxUnpackedBytes()) {
                throw PluginRefusedException.tooLarge(what + " declares more than " + limits.maxUnpackedBytes()
                        + " bytes unpacked, more than a plugin may have");
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, ZipDirectory.Entry entry, long[] written,
            ZipLimits limits, String what) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long ofEntry = 0;
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            ofEntry += n;
            written[0] += n;
            if (ofEntry > entry.size() || written[0] > limits.maxUnpackedBytes()) {
                throw PluginRefusedException.tooLarge(what + " has the entry '" + printable(entry.name())
                        + "', which inflates to more than the " + entry.size() + " bytes it declares"
                        + " (or past the " + limits.maxUnpackedBytes() + " bytes a plugin may have)");
            }
            out.write(buffer, 0, n);
        }
    }

    /** A name with control characters escaped, for a one-line message. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> out.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
