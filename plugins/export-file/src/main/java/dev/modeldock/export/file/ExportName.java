package dev.modeldock.export.file;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Export names become file names, so they are held to a portable, path-free alphabet. */
final class ExportName {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");

    private ExportName() {
    }

    static void check(String name) {
        if (name == null || !ALLOWED.matcher(name).matches()) {
            throw new ModelDockException("export name '" + name + "' is not allowed: use 1 to 200 letters, digits,"
                    + " '_', '.' or '-', not starting with '.' or '-', and no path separators");
        }
    }

    /** {@code fileName} inside {@code folder}, refusing anything that would land elsewhere. */
    static Path resolve(Path folder, String fileName) {
        Path file = folder.resolve(fileName).normalize();
        if (!folder.equals(file.getParent())) {
            throw new ModelDockException("export file " + fileName + " would leave the output directory " + folder);
        }
        return file;
    }
}
