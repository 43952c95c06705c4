package dev.modeldock.service;

import dev.modeldock.registry.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin ids an admin disabled on this server, one a line in {@code <data-dir>/plugins/disabled.txt},
 * so that they stay disabled across restarts. Written whole to a temporary file and moved into place,
 * so a crash leaves the old list or the new one.
 */
final class DisabledPlugins {
    private final Path file;

    DisabledPlugins(Path file) {
        this.file = file;
    }

    Set<String> read() {
        Set<String> ids = new TreeSet<>();
        try {
            if (Files.exists(file)) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(ids::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the disabled plugins " + file, e);
        }
        return ids;
    }

    void add(String id) {
        Set<String> ids = read();
        if (ids.add(id)) {
            write(ids);
        }
    }

    void remove(String id) {
        Set<String> ids = read();
        if (ids.remove(id)) {
            write(ids);
        }
    }

    private void write(Set<String> ids) {
        StringBuilder text = new StringBuilder("# Plugins disabled on this server (POST /api/v1/plugins/{id}/disable)\n");
        ids.forEach(id -> text.append(id).append('\n'));
        Path temporary = file.resolveSibling(".disabled.txt.tmp");
        try {
            Files.deleteIfExists(temporary);
            OwnerOnlyFile.create(temporary, text.toString());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the disabled plugins " + file, e);
        }
    }
}
