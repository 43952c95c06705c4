package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * What one tensor declares (name, element type, dimensions) beside how much data it holds, field
 * by field, so that the two can be compared without the values: {@link StructureReader} counts
 * them while it skips them, and {@link #of} counts them in a tensor read whole.
 *
 * @param name        the tensor's name
 * @param dataType    the element type's number in {@code TensorProto.DataType}
 * @param dims        the declared dimensions
 * @param external    whether the values live in an external data file
 * @param rawBytes    length of raw_data
 * @param floatCount  entries of float_data (likewise for the other value lists)
 */
record TensorPayload(String name, int dataType, List<Long> dims, boolean external, long rawBytes, long floatCount,
        long int32Count, long int64Count, long doubleCount, long uint64Count, long stringCount) {

    TensorPayload {
        dims = List.copyOf(dims);
    }

    /** The payload of a tensor read with its values. */
    static TensorPayload of(TensorProto tensor) {
        return new TensorPayload(tensor.getName(), tensor.getDataType(), tensor.getDimsList(),
                tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL, tensor.getRawData().size(),
                tensor.getFloatDataCount(), tensor.getInt32DataCount(), tensor.getInt64DataCount(),
                tensor.getDoubleDataCount(), tensor.getUint64DataCount(), tensor.getStringDataCount());
    }

    /** Counts a tensor's values as they are skipped. */
    static final class Counter {
        long rawBytes;
        long floatCount;
        long int32Count;
        long int64Count;
        long doubleCount;
        long uint64Count;
        long stringCount;

        TensorPayload of(TensorProto.Builder header) {
            return new TensorPayload(header.getName(), header.getDataType(), header.getDimsList(),
                    header.getDataLocation() == TensorProto.DataLocation.EXTERNAL, rawBytes, floatCount, int32Count,
                    int64Count, doubleCount, uint64Count, stringCount);
        }
    }
}
