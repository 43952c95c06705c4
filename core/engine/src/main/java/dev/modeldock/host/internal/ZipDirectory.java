package dev.modeldock.host.internal;

import dev.modeldock.host.PluginRefusedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip's central directory, read from the file's end: each entry's name, declared sizes and
 * whether it is a symbolic link. {@link java.util.zip.ZipFile} reads the same directory but hides the
 * entries' Unix modes, and a symlink entry must be refused before anything is unpacked. Commons
 * Compress shows the modes, but its ZipFile builds an object for every entry before anyone can count
 * them, and an uploaded 64 MiB zip can declare over a million (ZIP64): here the end record's count is
 * read first and ZIP64 refused, so no upload makes more than 65,535.
 */
public final class ZipDirectory {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int ENTRY_SIZE = 46;
    private static final int UNIX = 3;
    private static final int FILE_TYPE = 0170000;
    private static final int SYMLINK = 0120000;

    /** One entry as the central directory declares it. */
    public record Entry(String name, long compressedSize, long size, boolean symlink) {
    }

    private ZipDirectory() {
    }

    /** Every entry; a file that is no zip, or a ZIP64 one (no plugin needs it), is refused. */
    public static List<Entry> read(Path zip, String what) throws IOException {
        try (FileChannel file = FileChannel.open(zip, StandardOpenOption.READ)) {
            ByteBuffer end = endRecord(file, what);
            int count = Short.toUnsignedInt(end.getShort(10));
            long size = Integer.toUnsignedLong(end.getInt(12));
            long offset = Integer.toUnsignedLong(end.getInt(16));
            if (count == 0xFFFF || size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL) {
                throw new PluginRefusedException(what + " is a ZIP64 archive; a plugin zip holds fewer than 65,535"
                        + " entries and less than 4 GiB: zip the plugin folder again");
            }
            if (offset + size > file.size()) {
                throw new PluginRefusedException(what + " is not a valid zip (its central directory lies beyond"
                        + " its end); zip the plugin folder again");
            }
            ByteBuffer directory = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            file.read(directory, offset);
            directory.flip();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(entry(directory, what));
            }
            return entries;
        }
    }

    private static Entry entry(ByteBuffer directory, String what) {
        if (directory.remaining() < ENTRY_SIZE || directory.getInt(directory.position()) != ENTRY_SIGNATURE) {
            throw new PluginRefusedException(what + " is not a valid zip (its central directory is cut short);"
                    + " zip the plugin folder again");
        }
        int at = directory.position();
        int madeBy = Short.toUnsignedInt(directory.getShort(at + 4)) >> 8;
        long compressed = Integer.toUnsignedLong(directory.getInt(at + 20));
        long size = Integer.toUnsignedLong(directory.getInt(at + 24));
        int nameLength = Short.toUnsignedInt(directory.getShort(at + 28));
        int extraLength = Short.toUnsignedInt(directory.getShort(at + 30));
        int commentLength = Short.toUnsignedInt(directory.getShort(at + 32));
        int mode = directory.getInt(at + 38) >>> 16;
        if (directory.remaining() < ENTRY_SIZE + nameLength + extraLength + commentLength) {
            throw new PluginRefusedException(what + " is not a valid zip (an entry's name runs past its central"
                    + " directory); zip the plugin folder again");
        }
        byte[] name = new byte[nameLength];
        directory.get(at + ENTRY_SIZE, name);
        directory.position(at + ENTRY_SIZE + nameLength + extraLength + commentLength);
        return new Entry(new String(name, StandardCharsets.UTF_8), compressed, size,
                madeBy == UNIX && (mode & FILE_TYPE) == SYMLINK);
    }

    /** The end-of-central-directory record: the last 22 bytes, or earlier when a comment follows it. */
    private static ByteBuffer endRecord(FileChannel file, String what) throws IOException {
        long length = file.size();
        int tail = (int) Math.min(length, END_SIZE + 0xFFFF);
        ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        file.read(buffer, length - tail);
        for (int at = tail - END_SIZE; at >= 0; at--) {
            if (buffer.getInt(at) == END_SIGNATURE) {
                return buffer.slice(at, END_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        throw new PluginRefusedException(what + " is not a zip file (it has no central directory); upload the"
                + " plugin's -plugin.zip");
    }
}
