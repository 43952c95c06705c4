package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.LinkedHashSet;
import java.util.Set;

/** How many bits an ONNX element type takes, and which value field of a tensor holds it how many times. */
final class ElementSizes {
    private ElementSizes() {
    }

    /** Bits per element for types of fixed size; 0 for STRING; -1 for a type the schema does not know. */
    static int bits(int dataType) {
        DataType type = DataType.forNumber(dataType);
        if (type == null) {
            return -1;
        }
        return switch (type) {
            case FLOAT, INT32, UINT32 -> 32;
            case UINT8, INT8, BOOL, FLOAT8E4M3FN, FLOAT8E4M3FNUZ, FLOAT8E5M2, FLOAT8E5M2FNUZ -> 8;
            case UINT16, INT16, FLOAT16, BFLOAT16 -> 16;
            case INT64, UINT64, DOUBLE, COMPLEX64 -> 64;
            case COMPLEX128 -> 128;
            case UINT4, INT4 -> 4;
            case STRING -> 0;
            default -> -1; // UNDEFINED, and anything newer
        };
    }

    /** How many entries of {@code field} a tensor of this type and size holds; empty when the field cannot hold the type. */
    static Set<Long> expectedCounts(int dataType, String field, long elements) {
        DataType type = DataType.forNumber(dataType);
        Set<Long> counts = new LinkedHashSet<>();
        switch (field) {
            case "float_data" -> {
                if (type == DataType.FLOAT) {
                    counts.add(elements);
                } else if (type == DataType.COMPLEX64) {
                    counts.add(2 * elements);
                }
            }
            case "double_data" -> {
                if (type == DataType.DOUBLE) {
                    counts.add(elements);
                } else if (type == DataType.COMPLEX128) {
                    counts.add(2 * elements);
                }
            }
            case "int64_data" -> {
                if (type == DataType.INT64) {
                    counts.add(elements);
                }
            }
            case "uint64_data" -> {
                if (type == DataType.UINT32 || type == DataType.UINT64) {
                    counts.add(elements);
                }
            }
            case "string_data" -> {
                if (type == DataType.STRING) {
                    counts.add(elements);
                }
            }
            case "int32_data" -> {
                switch (type) {
                    case INT32, INT16, INT8, UINT16, UINT8, BOOL, FLOAT16, BFLOAT16, FLOAT8E4M3FN, FLOAT8E4M3FNUZ,
                            FLOAT8E5M2, FLOAT8E5M2FNUZ -> counts.add(elements);
                    case INT4, UINT4 -> {
                        counts.add((elements + 1) / 2); // packed two to an entry
                        counts.add(elements);
                    }
                    default -> {
                        // not held in int32_data
                    }
                }
            }
            default -> throw new IllegalArgumentException(field);
        }
        return counts;
    }

    static String typeName(int dataType) {
        DataType type = DataType.forNumber(dataType);
        return type == null ? "element type " + dataType : type.name();
    }
}
