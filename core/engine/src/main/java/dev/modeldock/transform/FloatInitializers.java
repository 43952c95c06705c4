package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.plugin.ModelDockException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** The values of float32 initializers, however the file stores them, checked to be finite. */
final class FloatInitializers {
    private FloatInitializers() {
    }

    /** Whether {@code tensor} is a float32 tensor of rank 2 (its values in the model, or in external data). */
    static boolean isFloatMatrix(TensorProto tensor) {
        return tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE && tensor.getDimsCount() == 2;
    }

    static long elements(TensorProto tensor) {
        long count = 1;
        for (long dim : tensor.getDimsList()) {
            count *= dim;
        }
        return count;
    }

    /**
     * The values the tensor holds in the model, in row-major order.
     *
     * @throws ModelDockException when the tensor holds fewer or more values than its shape says (none,
     *                            when they are in external data)
     */
    static float[] inline(TensorProto tensor) {
        long expected = elements(tensor);
        float[] values;
        if (tensor.getFloatDataCount() > 0) {
            values = new float[tensor.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.getFloatData(i);
            }
        } else {
            FloatBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            values = new float[raw.remaining()];
            raw.get(values);
        }
        if (values.length != expected) {
            throw new ModelDockException("weight initializer '" + tensor.getName() + "' holds " + values.length
                    + " values but its shape " + tensor.getDimsList() + " needs " + expected
                    + (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL ? " (its values are in external"
                    + " data, which this rewrite was not given)" : ""));
        }
        return values;
    }

    /**
     * {@code values}, checked to be finite for quantization.
     *
     * @throws ModelDockException when a value is NaN or infinite: no scale represents it, and a weight
     *                            like that is a broken model rather than something to round
     */
    static float[] finite(TensorProto tensor, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelDockException("weight initializer '" + tensor.getName() + "' holds " + values[i]
                        + " at index " + i + "; a model with non-finite weights cannot be quantized (check the"
                        + " model's export)");
            }
        }
        return values;
    }
}
