package dev.modeldock.export.file;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Export names become file names, so they are held to a portable, path-free alphabet. */
final class ExportName {
    private static final String EXTENSION = ".onnx";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");

    private ExportName() {
    }

    /**
     * The base of the files' names: the export name without a trailing {@code .onnx} (in any case),
     * which a user who names the model file means as its extension, not as part of the name.
     */
    static String base(String name) {
        return name.regionMatches(true, Math.max(0, name.length() - EXTENSION.length()), EXTENSION, 0,
                EXTENSION.length()) && name.length() > EXTENSION.length()
                ? name.substring(0, name.length() - EXTENSION.length()) : name;
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
