package dev.modeldock.export.oracle.standin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Blob;
import java.sql.SQLException;

/**
 * The database directories of one stand-in, as UTL_FILE and LOAD_ONNX_MODEL's directory overload see
 * them: a directory object names a folder, a file is a plain name inside it, and reading or writing
 * needs the READ or WRITE grant.
 */
final class DirectoryFiles {
    private final StandInSettings settings;

    DirectoryFiles(StandInSettings settings) {
        this.settings = settings;
    }

    /** UTL_FILE.FOPEN(directory, file, 'wb') and PUT_RAW of every byte of {@code data}: the file is replaced. */
    void write(String directory, String fileName, Blob data) throws SQLException {
        Path file = file(directory, fileName, "WRITE");
        try (InputStream in = data.getBinaryStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw OracleErrors.invalidFileOperation("cannot write " + fileName + " (" + e.getMessage() + ")");
        }
    }

    /** A file of the directory the session may read, which must exist. */
    Path existing(String directory, String fileName) throws SQLException {
        Path file = file(directory, fileName, "READ");
        if (!Files.isRegularFile(file)) {
            throw OracleErrors.invalidFileOperation("file " + fileName + " does not exist in directory " + directory);
        }
        return file;
    }

    private Path file(String directory, String fileName, String grant) throws SQLException {
        StandInSettings.Directory found = directory == null ? null : settings.directories.get(directory);
        if (found == null || found.grants().isEmpty()) {
            throw OracleErrors.invalidDirectory(String.valueOf(directory));
        }
        if (!found.grants().contains(grant)) {
            throw OracleErrors.directoryAccessDenied(directory, grant);
        }
        if (fileName == null || fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            throw OracleErrors.invalidFileName(String.valueOf(fileName));
        }
        return found.path().resolve(fileName);
    }
}
