package dev.modeldock.testkit.thirdparty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Plugin zips made to attack an unpacker: entries whose paths leave the folder, a symbolic link, and
 * zip bombs (small files that inflate to far more, declaring it or not).
 */
public final class HostileZips {
    private static final int ENTRY_SIGNATURE = 0x02014b50;

    private HostileZips() {
    }

    /** A zip with {@code files} (path to text), in order, with no checks on the paths. */
    public static byte[] withEntries(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code plugin} as a zip, plus the entry {@code link}, a Unix symbolic link to {@code /etc/passwd}. */
    public static byte[] withSymlink(ThirdPartyPlugin plugin, String link) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : plugin.files().entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(link));
            zip.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zip = bytes.toByteArray();
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int entry = centralEntry(buffer, link);
        buffer.putShort(entry + 4, (short) (3 << 8 | 20)); // made by Unix
        buffer.putInt(entry + 38, 0120777 << 16); // a symbolic link, as `zip --symlinks` records one
        return zip;
    }

    /**
     * A zip of one entry {@code name} holding {@code size} zero bytes, which deflate to about a
     * thousandth of that; {@code declared} is the size its headers claim (the true one, or a lie).
     */
    public static byte[] bomb(String name, int size, long declared) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (int written = 0; written < size; written += zeros.length) {
                zip.write(zeros, 0, Math.min(zeros.length, size - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zip = bytes.toByteArray();
        if (declared != size) {
            ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(centralEntry(buffer, name) + 24, (int) declared);
            // ZipOutputStream's local header defers sizes to a data descriptor: the central directory is what counts.
        }
        return zip;
    }

    private static int centralEntry(ByteBuffer zip, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int at = zip.limit() - 46; at >= 0; at--) {
            if (zip.getInt(at) == ENTRY_SIGNATURE && Short.toUnsignedInt(zip.getShort(at + 28)) == wanted.length) {
                byte[] found = new byte[wanted.length];
                zip.get(at + 46, found);
                if (java.util.Arrays.equals(found, wanted)) {
                    return at;
                }
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }
}
