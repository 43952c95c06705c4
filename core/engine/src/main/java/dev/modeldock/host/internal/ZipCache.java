package dev.modeldock.host.internal;

import dev.modeldock.host.PluginZip;
import dev.modeldock.host.ZipLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where plugin zips found in plugin folders are unpacked: a folder of the user's cache
 * ({@code ~/.cache/modeldock/plugins-unpacked}), one sub-folder per zip content (its SHA-256).
 * Not beside the zip: a plugin folder may be read-only (installed by root, mounted into a
 * container), and a folder unpacked beside it would be found again as a plugin of its own. By
 * content: a zip replaced by another release never reuses the old unpacking, and the server and its
 * child processes, which load the same zips, share one unpacking (each made in a temporary folder
 * and moved into place whole).
 */
public final class ZipCache {
    private final Path folder;

    public ZipCache(Path folder) {
        this.folder = folder;
    }

    /** {@code ~/.cache/modeldock/plugins-unpacked}. */
    public static ZipCache inUserCache() {
        return new ZipCache(Path.of(System.getProperty("user.home"), ".cache", "modeldock", "plugins-unpacked"));
    }

    /** The folder {@code zip} unpacks to, unpacking it the first time. */
    Path unpack(Path zip, ZipLimits limits, String what) throws IOException {
        Path target = folder.resolve(sha256(zip));
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(folder);
        Path temporary = folder.resolve(".tmp-" + UUID.randomUUID());
        try {
            PluginZip.unpack(zip, temporary, limits, what);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                // Another process unpacked the same zip meanwhile: use its folder.
            } catch (IOException raced) {
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
            }
            return target;
        } finally {
            delete(temporary);
        }
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    private static String sha256(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
