package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.metadata.OracleNames;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.registry.Version;
import dev.modeldock.service.VersionFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Copy-paste text for using a version outside ModelDock: the PL/SQL that loads it into Oracle with
 * its metadata, a query that scores with it, and the curl and command-line commands that fetch and
 * check it. Model names are letters, digits, '.', '_' and '-' (the registry's rule), so they need
 * no shell quoting; the metadata is quoted for SQL.
 *
 * @param databaseName the mining model name suggested for the database: an unquoted Oracle identifier
 */
public record VersionSnippets(String databaseName, String fileName, String loadSql, String query, String curl,
        String cli) {

    /** The database directory the load example reads the file from (Oracle's examples use DM_DUMP). */
    static final String DIRECTORY = "DM_DUMP";

    /**
     * @param baseUrl  the server as the browser reached it ({@code http://host:port})
     * @param metadata the version's stored metadata, parsed
     */
    public static VersionSnippets of(Version version, String baseUrl, JsonNode metadata) {
        String dbName = databaseName(version);
        String stem = version.model() + "-v" + version.number();
        boolean packaged = VersionFiles.layout(version) == Layout.EXTERNAL_DATA_PACKAGE;
        String file = stem + VersionFiles.extension(version);
        String json = stem + ".json";
        String compact = metadata == null ? "{}" : metadata.toString();
        String api = baseUrl + "/api/v1/models/" + version.model() + "/versions/" + version.number();
        String curl = "curl -fL -H \"Authorization: Bearer $MODELDOCK_TOKEN\" -o " + file + " " + api + "/artifact\n"
                + "curl -fsS -H \"Authorization: Bearer $MODELDOCK_TOKEN\" " + api + " | jq .metadata > " + json;
        boolean embedding = metadata == null || "embedding".equals(metadata.path("function").asText("embedding"));
        if (packaged) {
            return packaged(version, dbName, stem, file, compact, curl, embedding, metadata);
        }
        String sql = "-- Copy " + file + " into the database directory " + DIRECTORY + " first.\n"
                + "BEGIN\n"
                + "  DBMS_VECTOR.LOAD_ONNX_MODEL(\n"
                + "    directory  => '" + DIRECTORY + "',\n"
                + "    file_name  => '" + file + "',\n"
                + "    model_name => '" + dbName + "',\n"
                + "    metadata   => JSON('" + compact.replace("'", "''") + "'));\n"
                + "END;\n/";
        String cli = "java -jar modeldock.jar metadata check --onnx " + file + " --metadata " + json
                + " --model-name " + dbName + "\n"
                + (embedding ? "java -jar modeldock.jar embed --pipeline " + file + " --text \"The quick brown fox\"\n"
                        : "")
                + "java -jar modeldock.jar export --onnx " + file + " --metadata " + json + " --name " + dbName
                + " --target oracle --profile profile.json";
        return new VersionSnippets(dbName, file, sql, query(dbName, metadata), curl, cli);
    }

    /**
     * A package of the model with its external data: unzipped into the directory, its ONNX file loaded
     * with the descriptor of its data (Oracle Database 26ai's external_data_file_name).
     */
    private static VersionSnippets packaged(Version version, String dbName, String stem, String file, String compact,
            String curl, boolean embedding, JsonNode metadata) {
        List<Member> members = VersionFiles.of(version);
        String model = ExternalDataPackage.model(members).name();
        String sql = "-- Unzip " + file + " into the database directory " + DIRECTORY + " first (Oracle Database 26ai),\n"
                + "-- or deploy it with an Oracle target whose \"directory\" setting names that directory.\n"
                + "BEGIN\n"
                + "  DBMS_VECTOR.LOAD_ONNX_MODEL(\n"
                + "    directory               => '" + DIRECTORY + "',\n"
                + "    file_name               => '" + model + "',\n"
                + "    model_name              => '" + dbName + "',\n"
                + "    metadata                => JSON('" + compact.replace("'", "''") + "'),\n"
                + "    external_data_file_name => '" + ExternalDataPackage.descriptor(members).name() + "');\n"
                + "END;\n/";
        String cli = "unzip " + file + " -d " + stem + "\n"
                + (embedding ? "java -jar modeldock.jar embed --pipeline " + stem + "/" + model
                        + " --text \"The quick brown fox\"" : "");
        return new VersionSnippets(dbName, file, sql, query(dbName, metadata), curl, cli.strip());
    }

    /** {@code MODEL_V3}: the model name upper-cased, anything an unquoted identifier cannot hold as '_'. */
    static String databaseName(Version version) {
        String base = version.model().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_$#]", "_");
        if (!Character.isLetter(base.charAt(0))) {
            base = "M_" + base;
        }
        String suffix = "_V" + version.number();
        return OracleNames.truncateToBytes(base, OracleNames.MAX_MODEL_NAME_BYTES - suffix.length()) + suffix;
    }

    /** What a text pipeline's snippet scores: a query, then a passage for a reranker's second text. */
    private static final List<String> TEXT_SAMPLES = List.of("What is vector search?",
            "Vector search finds rows by meaning.");

    /** A query that scores one case with the model, by its mining function. */
    private static String query(String dbName, JsonNode metadata) {
        String function = metadata == null ? "embedding" : metadata.path("function").asText("embedding");
        if (function.equals("embedding")) {
            return "SELECT VECTOR_EMBEDDING(" + dbName + " USING 'The quick brown fox' AS " + attributes(metadata)
                    .stream().findFirst().orElse("data") + ") AS embedding\nFROM dual;";
        }
        // A text pipeline (its metadata names a tokenizer) scores strings: a query and a passage for a
        // reranker, one text for a classifier; other models get a number per attribute.
        boolean text = metadata.hasNonNull("tokenizer");
        List<String> attributes = attributes(metadata);
        List<String> using = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            using.add((text ? "'" + TEXT_SAMPLES.get(Math.min(i, TEXT_SAMPLES.size() - 1)) + "'" : "0") + " AS "
                    + attributes.get(i));
        }
        String operator = function.equals("clustering") ? "CLUSTER_ID" : "PREDICTION";
        String cases = using.isEmpty() ? "*" : String.join(", ", using);
        String query = "SELECT " + operator + "(" + dbName + " USING " + cases + ") AS result";
        if (function.equals("classification")) {
            query += ",\n       PREDICTION_PROBABILITY(" + dbName + " USING " + cases + ") AS probability";
        }
        return query + "\nFROM dual;";
    }

    /** The attribute names the metadata maps the model's inputs to, in order. */
    private static List<String> attributes(JsonNode metadata) {
        List<String> names = new ArrayList<>();
        if (metadata != null) {
            metadata.path("input").forEach(columns -> columns.forEach(c -> names.add(c.asText())));
        }
        return names;
    }
}
