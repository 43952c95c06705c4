package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Objects;

/**
 * One initializer whose values {@link ExternalData#write} put in a data file: what Oracle's
 * external-initializer descriptor lists for it (name, shape, type, and where its bytes are).
 *
 * @param name     the initializer's name in the graph
 * @param type     its element type
 * @param shape    its dimensions
 * @param location the data file's name, beside the model
 * @param offset   where its values start in that file
 * @param bytes    how many bytes they take
 */
public record ExternalTensor(String name, DataType type, List<Long> shape, String location, long offset,
        long bytes) {

    public ExternalTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = List.copyOf(shape);
        Objects.requireNonNull(location, "location");
    }

    /** The same tensor, at the same offset, in a data file named {@code otherLocation}. */
    public ExternalTensor in(String otherLocation) {
        return new ExternalTensor(name, type, shape, otherLocation, offset, bytes);
    }
}
