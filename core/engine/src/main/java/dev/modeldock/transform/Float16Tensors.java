package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import dev.modeldock.plugin.ModelDockException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Float32 tensors rewritten as float16 ones, value by value, with errors that name the tensor. */
final class Float16Tensors {
    private Float16Tensors() {
    }

    static long elements(TensorProto tensor) {
        long count = 1;
        for (long dim : tensor.getDimsList()) {
            count *= dim;
        }
        return count;
    }

    /**
     * {@code weight}'s values as a float16 tensor named {@code name}, in raw little-endian data as ONNX
     * stores float16.
     *
     * @throws ModelDockException when a value has no float16 form, or the values are not in the file
     */
    static TensorProto toFloat16(TensorProto weight, String name) {
        return toFloat16(weight, name, WeightValues.INLINE);
    }

    /** The same, the float32 values read from {@code read}. */
    static TensorProto toFloat16(TensorProto weight, String name, WeightValues read) {
        FloatBuffer values = FloatBuffer.wrap(read.of(weight));
        ByteBuffer halves = ByteBuffer.allocate(values.remaining() * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; values.hasRemaining(); i++) {
            float value = values.get();
            try {
                halves.putShort(Float16.fromFloat(value));
            } catch (ArithmeticException e) {
                throw new ModelDockException("weight '" + weight.getName() + "' holds " + value + " at index " + i
                        + ", which float16 cannot store (finite values within ±65504 only); export this model"
                        + " without use_float16");
            }
        }
        return TensorProto.newBuilder().setName(name).addAllDims(weight.getDimsList())
                .setDataType(DataType.FLOAT16_VALUE).setRawData(ByteString.copyFrom(halves.array()))
                .setDocString(weight.getDocString()).build();
    }
}
