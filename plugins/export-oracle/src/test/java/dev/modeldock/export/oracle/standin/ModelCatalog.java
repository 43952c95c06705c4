package dev.modeldock.export.oracle.standin;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.runtime.OrtSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of one stand-in database and the operations on them: DBMS_VECTOR.LOAD_ONNX_MODEL (from a
 * BLOB, or from a directory with external data), UTL_FILE's writes into a directory,
 * DBMS_VECTOR.DROP_ONNX_MODEL, VECTOR_EMBEDDING, PREDICTION and PREDICTION_PROBABILITY.
 */
final class ModelCatalog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StandInSettings settings;
    private final Dictionary dictionary;
    private final Path storage;
    private final Map<String, LoadedModel> models = new ConcurrentHashMap<>();
    private final DirectoryFiles directories;

    ModelCatalog(StandInSettings settings, Dictionary dictionary, Path storage) {
        this.settings = settings;
        this.directories = new DirectoryFiles(settings);
        this.dictionary = dictionary;
        this.storage = storage;
    }

    /**
     * LOAD_ONNX_MODEL(model_name, model_data BLOB, metadata JSON). The BLOB is streamed once into the
     * model's file, which ONNX Runtime then opens: no other copy of the bytes is made.
     */
    synchronized void load(String sessionUser, String modelName, Blob data, String metadata) throws SQLException {
        requirePackage("DBMS_VECTOR.LOAD_ONNX_MODEL");
        ModelName name = admitted(sessionUser, modelName);
        JsonNode json = parse(metadata);
        long size = data == null ? 0 : data.length();
        if (size <= 0 || size > settings.maxModelBytes) {
            throw OracleErrors.invalidBlobSize();
        }
        Path file = storage.resolve(name + ".onnx");
        store(name, json, size, file, file, () -> {
            try (InputStream in = data.getBinaryStream()) {
                Files.copy(in, file);
            }
        });
    }

    /**
     * LOAD_ONNX_MODEL(directory, file_name, model_name, metadata, external_data_file_name), 26ai's
     * directory overload with external data: the descriptor must place every initializer inside a data
     * file of the directory, and the database keeps its own copy of the ONNX file and those files.
     */
    synchronized void loadFromDirectory(String sessionUser, String directory, String fileName, String modelName,
            String metadata, String descriptorName) throws SQLException {
        requirePackage("DBMS_VECTOR.LOAD_ONNX_MODEL");
        if (descriptorName != null && !settings.release().map(OracleRelease::loadsExternalData).orElse(false)) {
            throw OracleErrors.wrongArguments("LOAD_ONNX_MODEL"); // 23ai's procedure has no external_data_file_name
        }
        ModelName name = admitted(sessionUser, modelName);
        JsonNode json = parse(metadata);
        Path onnx = directories.existing(directory, fileName);
        List<Path> data = descriptorName == null ? List.of()
                : ExternalDataRules.dataFiles(directories, directory, directories.existing(directory, descriptorName));
        long size = sizeOf(onnx);
        if (size <= 0 || size > settings.maxModelBytes) {
            throw OracleErrors.invalidBlobSize();
        }
        Path folder = storage.resolve(name.toString());
        store(name, json, size, folder.resolve(fileName), folder, () -> {
            Files.createDirectory(folder);
            Files.copy(onnx, folder.resolve(fileName));
            for (Path file : data) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        });
    }

    /** The model's name, once the session may create it there and it is not taken. */
    private ModelName admitted(String sessionUser, String modelName) throws SQLException {
        ModelName name = ModelName.ofArgument(modelName, sessionUser);
        boolean ownSchema = name.owner().equals(sessionUser);
        if (!settings.privileges.contains(ownSchema ? "CREATE MINING MODEL" : "CREATE ANY MINING MODEL")
                && !settings.privileges.contains("CREATE ANY MINING MODEL")) {
            throw OracleErrors.insufficientPrivileges();
        }
        if (models.containsKey(name.toString())) {
            throw OracleErrors.modelExists(name.toString());
        }
        return name;
    }

    /** Copies the model in ({@code copy} writes {@code stored}, the model's file or folder), then opens and admits it. */
    private void store(ModelName name, JsonNode json, long size, Path file, Path stored, Copy copy)
            throws SQLException {
        OrtSession session = null;
        try {
            copy.run();
            session = open(file);
            ModelDescription description = OnnxMetadataRules.check(json, TensorSpec.of(session.getInputInfo()),
                    TensorSpec.of(session.getOutputInfo()));
            SQLException injected = settings.injectedLoadFailure();
            if (injected != null) {
                throw injected;
            }
            dictionary.addModel(name, description, size);
            models.put(name.toString(), new LoadedModel(name, description, file, stored, size, session));
        } catch (SQLException | IOException | OrtException | RuntimeException e) {
            closeQuietly(session);
            LoadedModel.delete(stored);
            if (e instanceof SQLException sql) {
                throw sql;
            }
            throw OracleErrors.undocumented("the model could not be stored: " + e);
        }
    }

    /** Writes the stored copy of a model. */
    private interface Copy {
        void run() throws IOException, SQLException;
    }

    private static long sizeOf(Path file) throws SQLException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw OracleErrors.invalidFileOperation("cannot read " + file.getFileName());
        }
    }

    /** UTL_FILE's write of a whole BLOB into {@code directory}. */
    void writeFile(String directory, String fileName, Blob data) throws SQLException {
        directories.write(directory, fileName, data);
    }

    /** DROP_ONNX_MODEL(model_name, force => TRUE). */
    synchronized void drop(String sessionUser, String modelName, boolean force) throws SQLException {
        requirePackage("DBMS_VECTOR.DROP_ONNX_MODEL");
        ModelName name = ModelName.ofArgument(modelName, sessionUser);
        LoadedModel model = models.remove(name.toString());
        if (model == null) {
            if (!force || settings.dropOfAbsentModelFails) {
                throw OracleErrors.invalidModelName("model " + name + " does not exist");
            }
            return;
        }
        dictionary.removeModel(name);
        model.close();
    }

    /**
     * VECTOR_EMBEDDING(owner.model USING text AS attribute), as FROM_VECTOR's text; null for a null text.
     * Synchronized with drop, which closes the ONNX Runtime session scoring uses.
     */
    synchronized String embed(String owner, String model, String attribute, String text) throws SQLException {
        LoadedModel loaded = loaded(owner, model);
        if (!loaded.description.isEmbedding()) {
            throw OracleErrors.incompatibleModel("VECTOR_EMBEDDING needs an embedding model; " + loaded.name + " is "
                    + loaded.description.function().toLowerCase(Locale.ROOT));
        }
        if (!loaded.attribute().equals(attribute)) {
            throw OracleErrors.undocumented("model " + loaded.name + " has no attribute " + attribute + " (its"
                    + " attribute is " + loaded.attribute() + ")");
        }
        return text == null ? null : VectorText.format(loaded.embed(text));
    }

    /** PREDICTION(owner.model USING text AS attribute, ...), see {@link MiningOperators}. */
    synchronized Object prediction(String owner, String model, Map<String, String> using) throws SQLException {
        return MiningOperators.prediction(loaded(owner, model), using);
    }

    /** PREDICTION_PROBABILITY(owner.model[, class] USING ...), see {@link MiningOperators}. */
    synchronized Double probability(String owner, String model, String classValue, boolean classGiven,
            Map<String, String> using) throws SQLException {
        return MiningOperators.probability(loaded(owner, model), classValue, classGiven, using);
    }

    /** Whether PREDICTION on the model returns text (string labels); false for a model not loaded. */
    boolean predictsText(String owner, String model) {
        LoadedModel loaded = models.get(owner + "." + model);
        return loaded != null && loaded.description.predictsText();
    }

    private LoadedModel loaded(String owner, String model) throws SQLException {
        LoadedModel loaded = models.get(owner + "." + model);
        if (loaded == null) {
            throw OracleErrors.invalidModelName("model " + owner + "." + model + " does not exist");
        }
        return loaded;
    }

    Map<String, LoadedModel> models() {
        return Map.copyOf(models);
    }

    @Override
    public synchronized void close() {
        models.values().forEach(LoadedModel::close);
        models.clear();
    }

    private void requirePackage(String procedure) throws SQLException {
        switch (settings.dbmsVector) {
            case MISSING -> throw OracleErrors.notDeclared(procedure);
            case INVALID -> throw OracleErrors.packageHasErrors();
            default -> {
            }
        }
    }

    private static JsonNode parse(String metadata) throws SQLException {
        try {
            JsonNode json = metadata == null ? null : JSON.readTree(metadata);
            if (json == null || !json.isObject()) {
                throw OracleErrors.metadataNotJson();
            }
            return json;
        } catch (JsonProcessingException e) {
            throw OracleErrors.metadataNotJson();
        }
    }

    /** ONNX Runtime (with onnxruntime-extensions, as Oracle ships its tokenizer operators) must load it. */
    private static OrtSession open(Path file) throws SQLException {
        try {
            return OrtSessions.open(file, 1);
        } catch (RuntimeException e) {
            throw OracleErrors.undocumented("the ONNX model is invalid: ONNX Runtime cannot load it ("
                    + e.getMessage() + ")");
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // Nothing more to release.
            }
        }
    }
}
