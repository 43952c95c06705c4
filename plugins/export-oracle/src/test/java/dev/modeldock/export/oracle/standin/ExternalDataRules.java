package dev.modeldock.export.oracle.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stand-in requires of an external-data descriptor before LOAD_ONNX_MODEL reads the data:
 * the fields Oracle's documentation lists for each initializer (name, shape, type, offset, size,
 * and the data file), and every initializer inside a data file of the same directory. Oracle
 * publishes no error codes for these rules, so each miss is the stand-in's ORA-20000.
 */
final class ExternalDataRules {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExternalDataRules() {
    }

    /** The data files the descriptor names, each checked to hold what it is said to hold. */
    static List<Path> dataFiles(DirectoryFiles directories, String directory, Path descriptor) throws SQLException {
        JsonNode initializers;
        try {
            initializers = JSON.readTree(descriptor.toFile()).path("initializers");
        } catch (IOException e) {
            throw OracleErrors.undocumented("the external data descriptor " + descriptor.getFileName()
                    + " is not JSON");
        }
        if (!initializers.isArray() || initializers.isEmpty()) {
            throw OracleErrors.undocumented("the external data descriptor " + descriptor.getFileName()
                    + " lists no initializers");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (JsonNode initializer : initializers) {
            for (String field : List.of("name", "type", "shape", "location", "offset", "size")) {
                if (initializer.path(field).isMissingNode()) {
                    throw OracleErrors.undocumented("an initializer of " + descriptor.getFileName() + " has no '"
                            + field + "'");
                }
            }
            String location = initializer.path("location").asText();
            Path file = files.containsKey(location) ? files.get(location) : directories.existing(directory, location);
            files.put(location, file);
            long end = initializer.path("offset").asLong(-1) + initializer.path("size").asLong(-1);
            if (initializer.path("offset").asLong(-1) < 0 || end > size(file)) {
                throw OracleErrors.undocumented("initializer " + initializer.path("name").asText() + " lies outside "
                        + location);
            }
        }
        return List.copyOf(files.values());
    }

    private static long size(Path file) throws SQLException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw OracleErrors.invalidFileOperation("cannot read " + file.getFileName());
        }
    }
}
