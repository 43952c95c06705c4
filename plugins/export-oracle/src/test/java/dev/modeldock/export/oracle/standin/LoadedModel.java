package dev.modeldock.export.oracle.standin;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modeldock.runtime.OrtSessions;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A model LOAD accepted: its bytes (the one stored copy, a file), an ONNX Runtime session on them,
 * and what its metadata said.
 */
final class LoadedModel implements AutoCloseable {
    final ModelName name;
    final ModelDescription description;
    final Path file;
    final long bytes;
    /** What the database stores: the ONNX file, or the folder holding it beside its external data. */
    private final Path stored;
    private final OrtSession session;

    LoadedModel(ModelName name, ModelDescription description, Path file, Path stored, long bytes,
            OrtSession session) {
        this.name = name;
        this.description = description;
        this.file = file;
        this.stored = stored;
        this.bytes = bytes;
        this.session = session;
    }

    /** The attribute VECTOR_EMBEDDING's USING clause must name. */
    String attribute() {
        return description.attributes().get(0).name();
    }

    /** Runs the model on one text, as VECTOR_EMBEDDING does, and returns the vector. */
    float[] embed(String text) throws SQLException {
        float[] vector = run(Map.of(attribute(), text));
        if (vector.length != description.vectorDimension()) {
            throw OracleErrors.undocumented("model " + name + " produced " + vector.length
                    + " values for one text, its vector has " + description.vectorDimension());
        }
        return vector;
    }

    /**
     * Runs the model on one row, each attribute's text fed to the tensor it maps to, and returns the
     * output scoring reads, flattened: a vector, one score, or one probability per class.
     */
    float[] run(Map<String, String> texts) throws SQLException {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            Map<String, TensorSpec> inputs = TensorSpec.of(session.getInputInfo());
            for (ModelDescription.Attribute attribute : description.attributes()) {
                TensorSpec input = inputs.get(attribute.tensor());
                if (!input.isString() || input.valueSize() != 1) {
                    throw OracleErrors.undocumented("the stand-in scores text attributes of one value per tensor"
                            + " only; " + attribute.name() + " feeds " + input);
                }
                feeds.put(input.name(), OnnxTensor.createTensor(OrtSessions.environment(),
                        new String[] {texts.get(attribute.name())}, input.oneRow()));
            }
            try (OrtSession.Result result = session.run(feeds, Set.of(description.output()))) {
                float[] values = flatten(result.get(0));
                for (float value : values) {
                    if (!Float.isFinite(value)) {
                        throw OracleErrors.undocumented("model " + name + " produced " + value);
                    }
                }
                return values;
            }
        } catch (OrtException e) {
            throw OracleErrors.undocumented("ONNX Runtime failed to score model " + name + ": " + e.getMessage());
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] flatten(OnnxValue value) throws SQLException {
        if (!(value instanceof OnnxTensor tensor)) {
            throw OracleErrors.undocumented("the scored output is not a tensor");
        }
        FloatBuffer floats = tensor.getFloatBuffer();
        if (floats != null) {
            float[] vector = new float[floats.remaining()];
            floats.get(vector);
            return vector;
        }
        DoubleBuffer doubles = tensor.getDoubleBuffer();
        float[] vector = new float[doubles.remaining()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) doubles.get();
        }
        return vector;
    }

    /** Closes the session and deletes the stored bytes. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Native memory is released either way; nothing else to do.
        }
        delete(stored);
    }

    /** Deletes a stored file, or a stored folder with what it holds. */
    static void delete(Path stored) {
        try (Stream<Path> files = Files.walk(stored)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            // Never written.
        } catch (IOException e) {
            stored.toFile().deleteOnExit();
        }
    }
}
