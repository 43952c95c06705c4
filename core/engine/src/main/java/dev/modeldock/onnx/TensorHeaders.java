package dev.modeldock.onnx;

import static dev.modeldock.onnx.FieldStream.LENGTH_DELIMITED;
import static dev.modeldock.onnx.FieldStream.VARINT;

import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;

/**
 * Reads tensors without their values: name, type, shape and where the data lives are kept, while
 * raw_data, string_data and the typed value lists are skipped unread, so that a tensor of any size
 * costs a few bytes of heap.
 */
final class TensorHeaders {
    private final FieldStream fields;
    private final CodedInputStream in;

    TensorHeaders(FieldStream fields) {
        this.fields = fields;
        this.in = fields.values();
    }

    /** Reads the body of a TensorProto into {@code tensor}. */
    void read(TensorProto.Builder tensor) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case TensorProto.DIMS_FIELD_NUMBER << 3 | VARINT -> tensor.addDims(in.readInt64());
                case TensorProto.DIMS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.packed(() -> tensor.addDims(in.readInt64()));
                case TensorProto.DATA_TYPE_FIELD_NUMBER << 3 | VARINT -> tensor.setDataType(in.readInt32());
                case TensorProto.SEGMENT_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(tensor.getSegmentBuilder());
                case TensorProto.NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> tensor.setNameBytes(in.readBytes());
                case TensorProto.DOC_STRING_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        tensor.setDocStringBytes(in.readBytes());
                case TensorProto.EXTERNAL_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        tensor.addExternalData(fields.message(StringStringEntryProto.parser()));
                case TensorProto.DATA_LOCATION_FIELD_NUMBER << 3 | VARINT -> {
                    // A number the schema does not know is an unknown field to the generated parser too; dropped here.
                    TensorProto.DataLocation location = TensorProto.DataLocation.forNumber(in.readEnum());
                    if (location != null) {
                        tensor.setDataLocation(location);
                    }
                }
                case TensorProto.METADATA_PROPS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        tensor.addMetadataProps(fields.message(StringStringEntryProto.parser()));
                // Packed values are checked as the generated parser checks them while they are skipped;
                // raw_data, string_data and unpacked values are plain fields that skip() checks.
                case TensorProto.FLOAT_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> fields.skipPackedFixed(Float.BYTES);
                case TensorProto.DOUBLE_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.skipPackedFixed(Double.BYTES);
                case TensorProto.INT32_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED,
                        TensorProto.INT64_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED,
                        TensorProto.UINT64_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> fields.packed(in::readRawVarint64);
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }

    /** Reads the body of a SparseTensorProto into {@code tensor}; its values and indices lose their payloads. */
    void readSparse(SparseTensorProto.Builder tensor) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case SparseTensorProto.VALUES_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> read(tensor.getValuesBuilder()));
                case SparseTensorProto.INDICES_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> read(tensor.getIndicesBuilder()));
                case SparseTensorProto.DIMS_FIELD_NUMBER << 3 | VARINT -> tensor.addDims(in.readInt64());
                case SparseTensorProto.DIMS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.packed(() -> tensor.addDims(in.readInt64()));
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }
}
