package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.onnx.ExternalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where a weight rewrite reads a float32 initializer's values: from the model itself, or, for a
 * model {@link ExternalData#write written} with external data, one weight at a time from its data
 * file, so that the float32 weights are never all in memory beside their rewritten copies.
 */
@FunctionalInterface
public interface WeightValues {
    /** The values the model holds. */
    WeightValues INLINE = FloatInitializers::inline;

    /**
     * The tensor's values in row-major order, exactly as many as its shape says.
     *
     * @throws dev.modeldock.plugin.ModelDockException when the tensor does not hold them
     */
    float[] of(TensorProto tensor);

    /** Values in the model, or in external data beside {@code file}, the model's path. */
    static WeightValues beside(Path file) {
        return tensor -> {
            if (tensor.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                return FloatInitializers.inline(tensor);
            }
            try {
                return ExternalData.floats(tensor, file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read weight '" + tensor.getName() + "' beside " + file, e);
            }
        };
    }
}
