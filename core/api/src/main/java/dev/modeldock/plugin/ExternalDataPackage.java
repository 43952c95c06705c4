package dev.modeldock.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A model whose weights live in external data, packaged as OML4Py's {@code export2file} packages a
 * large model: one zip holding the ONNX file ({@code *.onnx}), whose initializers name their data
 * file, the raw data file(s) ({@code *.dat}), and one descriptor ({@code *_external_data.json}) listing
 * each external initializer's name, shape, type, offset and size, which Oracle Database 26ai's
 * {@code DBMS_VECTOR.LOAD_ONNX_MODEL(..., external_data_file_name)} reads.
 *
 * <p>Every member is a plain file name at the top of the zip (no folders, no {@code ..}, no leading
 * dot), each name once: a package that is not of that shape is refused before a byte is extracted,
 * so a hostile zip cannot write outside the folder it is unpacked into.
 *
 * @since 1.1.0
 */
public final class ExternalDataPackage {
    /** The ONNX file's extension. */
    public static final String MODEL_SUFFIX = ".onnx";
    /** A data file's extension. */
    public static final String DATA_SUFFIX = ".dat";
    /** How the descriptor's name ends; Oracle looks for {@code <model>_external_data.json} by default. */
    public static final String DESCRIPTOR_SUFFIX = "_external_data.json";
    private static final int MAX_MEMBERS = 64;

    private ExternalDataPackage() {
    }

    /**
     * One file of a package.
     *
     * @param name   its plain file name
     * @param sha256 the SHA-256 of its bytes, hex, lowercase
     * @param bytes  its size
     */
    public record Member(String name, String sha256, long bytes) {

        /** The member as JSON-ready values, in this order: name, sha256, bytes. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("sha256", sha256);
            map.put("bytes", bytes);
            return map;
        }

        /** A member from {@link #toMap()}'s form, as JSON gives it back. */
        public static Member fromMap(Map<?, ?> map) {
            return new Member(String.valueOf(map.get("name")), String.valueOf(map.get("sha256")),
                    ((Number) map.get("bytes")).longValue());
        }
    }

    /**
     * The package's members, in the zip's order, each read through to its SHA-256.
     *
     * @throws ModelDockException naming what is wrong, for a file that is not a zip or not a package
     */
    public static List<Member> read(Path zip) throws IOException {
        List<Member> members = new ArrayList<>();
        try (ZipFile file = open(zip)) {
            for (ZipEntry entry : entries(zip, file)) {
                MessageDigest digest = Sha256.newDigest();
                long bytes = copy(zip, file, entry, digest::update);
                members.add(new Member(entry.getName(), Sha256.hex(digest), bytes));
            }
        }
        return List.copyOf(members);
    }

    /**
     * Extracts the package into {@code folder}, which is created if missing, and returns what was
     * extracted; the ONNX file is the member ending in {@value #MODEL_SUFFIX}. A file already there
     * under a member's name is an error, and nothing is overwritten.
     */
    public static List<Member> unpack(Path zip, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Member> members = new ArrayList<>();
        try (ZipFile file = open(zip)) {
            for (ZipEntry entry : entries(zip, file)) {
                MessageDigest digest = Sha256.newDigest();
                try (OutputStream out = Files.newOutputStream(folder.resolve(entry.getName()),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long bytes = copy(zip, file, entry, (buffer, offset, length) -> {
                        digest.update(buffer, offset, length);
                        out.write(buffer, offset, length);
                    });
                    members.add(new Member(entry.getName(), Sha256.hex(digest), bytes));
                }
            }
        }
        return List.copyOf(members);
    }

    /** The member that is the ONNX file. */
    public static Member model(List<Member> members) {
        return members.stream().filter(member -> member.name().endsWith(MODEL_SUFFIX)).findFirst()
                .orElseThrow(() -> new ModelDockException("the package holds no " + MODEL_SUFFIX + " file"));
    }

    /** The member that is the descriptor of the external initializers. */
    public static Member descriptor(List<Member> members) {
        return members.stream().filter(member -> member.name().endsWith(DESCRIPTOR_SUFFIX)).findFirst()
                .orElseThrow(() -> new ModelDockException("the package holds no *" + DESCRIPTOR_SUFFIX + " file"));
    }

    private static ZipFile open(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw new ModelDockException(zip.getFileName() + " is not a zip file (" + e.getMessage() + "); a model with"
                    + " external data travels as the zip ModelDock wrote");
        }
    }

    /** The entries, checked for shape before any is read. */
    private static List<ZipEntry> entries(Path zip, ZipFile file) {
        List<ZipEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int models = 0;
        int descriptors = 0;
        int data = 0;
        for (Enumeration<? extends ZipEntry> all = file.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            boolean plain = name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
            if (!plain || !names.add(name) || entries.size() == MAX_MEMBERS) {
                throw notAPackage(zip, "member '" + name.replaceAll("\\p{Cntrl}", "?") + "' is not a plain file name"
                        + " at the top of the zip, or is there twice, or is one of more than " + MAX_MEMBERS);
            }
            if (name.endsWith(DESCRIPTOR_SUFFIX)) {
                descriptors++;
            } else if (name.endsWith(MODEL_SUFFIX)) {
                models++;
            } else if (name.endsWith(DATA_SUFFIX)) {
                data++;
            } else {
                throw notAPackage(zip, "member '" + name + "' is none of " + MODEL_SUFFIX + ", " + DATA_SUFFIX
                        + " and *" + DESCRIPTOR_SUFFIX);
            }
            entries.add(entry);
        }
        if (models != 1 || descriptors != 1 || data == 0) {
            throw notAPackage(zip, "it holds " + models + " " + MODEL_SUFFIX + " file(s), " + data + " " + DATA_SUFFIX
                    + " file(s) and " + descriptors + " descriptor(s), where a package holds one, at least one and"
                    + " one");
        }
        return entries;
    }

    private static ModelDockException notAPackage(Path zip, String problem) {
        return new ModelDockException(zip.getFileName() + " is not a model with external data: " + problem
                + "; export the model again with ModelDock");
    }

    /** Reads a member to its end, refusing more bytes than its entry declares (a zip bomb's trick). */
    private static long copy(Path zip, ZipFile file, ZipEntry entry, Sink sink) throws IOException {
        long declared = entry.getSize();
        long bytes = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = file.getInputStream(entry)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes += n;
                if (declared >= 0 && bytes > declared) {
                    throw notAPackage(zip, "member '" + entry.getName() + "' holds more than the " + declared
                            + " bytes it declares");
                }
                sink.accept(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw notAPackage(zip, "member '" + entry.getName() + "' is damaged (" + e.getMessage() + ")");
        }
        return bytes;
    }

    @FunctionalInterface
    private interface Sink {
        void accept(byte[] buffer, int offset, int length) throws IOException;
    }
}
