package dev.modeldock.testkit.hub;

import dev.modeldock.testkit.MiniLmHubFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.stream.Stream;

/**
 * One repository as the fake hub serves it: its files at one commit, the branch and tag names that
 * point at that commit, and the tokens allowed to read it when it is gated.
 *
 * @param repoId  {@code org/name}
 * @param commit  the 40-hex commit every file belongs to
 * @param refs    branch and tag names resolving to {@code commit} (at least {@code main})
 * @param files   path to content
 * @param tokens  tokens that may read a gated repository; empty for a public one
 */
public record HubRepo(String repoId, String commit, Set<String> refs, SortedMap<String, byte[]> files,
        Set<String> tokens) {
    /** Extensions the hub's default {@code .gitattributes} stores in LFS. */
    private static final Set<String> LFS_EXTENSIONS = Set.of("onnx", "bin", "safetensors", "h5", "msgpack", "ot");
    /** SHA-256 by content; a byte array's identity is its key, and a repository no longer served lets it go. */
    private static final Map<byte[], String> SHA256 = Collections.synchronizedMap(new WeakHashMap<>());

    /** The files of a folder on disk, at a commit derived from their contents, on branch {@code main}. */
    public static HubRepo fromFolder(String repoId, Path folder) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HubRepo(repoId, commitOf(files), Set.of("main"), files, Set.of());
    }

    /** The real all-MiniLM-L6-v2 as {@link MiniLmHubFolder} lays it out, written under {@code scratch} first. */
    public static HubRepo miniLm(Path scratch) {
        return fromFolder(MiniLmHubFolder.HUB_ID, MiniLmHubFolder.create(scratch));
    }

    /** The same repository, readable only with one of these tokens. */
    public HubRepo gated(String... allowed) {
        return new HubRepo(repoId, commit, refs, files, Set.of(allowed));
    }

    /** A new commit on {@code main} where {@code path} holds {@code content}. */
    public HubRepo withFile(String path, byte[] content) {
        SortedMap<String, byte[]> changed = new TreeMap<>(files);
        changed.put(path, content);
        return new HubRepo(repoId, commitOf(changed), refs, changed, tokens);
    }

    /** A new commit on {@code main} without {@code path}. */
    public HubRepo withoutFile(String path) {
        SortedMap<String, byte[]> changed = new TreeMap<>(files);
        changed.remove(path);
        return new HubRepo(repoId, commitOf(changed), refs, changed, tokens);
    }

    /** The commit a revision names: a ref, the commit itself, or null. */
    public String resolve(String revision) {
        return refs.contains(revision) || commit.equals(revision) ? commit : null;
    }

    public boolean isLfs(String path) {
        int dot = path.lastIndexOf('.');
        return dot > 0 && LFS_EXTENSIONS.contains(path.substring(dot + 1));
    }

    /** The hex SHA-256 of a file, as the hub states it for LFS files. */
    public String sha256(String path) {
        // every answer about an LFS file names its hash: taken once per content, not per request
        return SHA256.computeIfAbsent(files.get(path), content -> hex("SHA-256", content));
    }

    /** Git's blob id (SHA-1 of {@code "blob <size>\0"} and the bytes), the ETag of a file kept in git. */
    public String gitBlobId(String path) {
        byte[] content = files.get(path);
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return hex("SHA-1", all);
    }

    private static String commitOf(Map<String, byte[]> files) {
        StringBuilder tree = new StringBuilder();
        files.forEach((path, content) -> tree.append(path).append(' ').append(hex("SHA-1", content)).append('\n'));
        return hex("SHA-1", tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
