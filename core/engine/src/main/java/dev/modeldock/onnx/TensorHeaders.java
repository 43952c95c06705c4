package dev.modeldock.onnx;

import static dev.modeldock.onnx.FieldStream.LENGTH_DELIMITED;
import static dev.modeldock.onnx.FieldStream.VARINT;

import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads tensors without their values: name, type, shape and where the data lives are kept, while
 * raw_data, string_data and the typed value lists are skipped unread, so that a tensor of any size
 * costs a few bytes of heap. How much each value field held is counted as it is skipped, per
 * tensor, so that {@link #payloads} can tell what every tensor declares beside what it holds.
 */
final class TensorHeaders {
    private final FieldStream fields;
    private final CodedInputStream in;
    /**
     * Per tensor read, in order: a tensor that occurs twice in one field merges into one builder, as
     * protobuf merges it, and its counts add up (raw_data's length is the last one, as its bytes are).
     */
    private final Map<TensorProto.Builder, TensorPayload.Counter> counters = new IdentityHashMap<>();
    private final List<TensorProto.Builder> order = new ArrayList<>();

    TensorHeaders(FieldStream fields) {
        this.fields = fields;
        this.in = fields.values();
    }

    /** Reads the body of a TensorProto into {@code tensor}. */
    void read(TensorProto.Builder tensor) throws IOException {
        TensorPayload.Counter counted = counters.get(tensor);
        if (counted == null) {
            counted = new TensorPayload.Counter();
            counters.put(tensor, counted);
            order.add(tensor);
        }
        readCounting(tensor, counted);
    }

    /** Hands the payload of every tensor read, wherever it was, to {@code sink}; call once all is read. */
    void payloads(Consumer<TensorPayload> sink) {
        for (TensorProto.Builder tensor : order) {
            sink.accept(counters.get(tensor).of(tensor));
        }
    }

    private void readCounting(TensorProto.Builder tensor, TensorPayload.Counter counted) throws IOException {
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
                case TensorProto.FLOAT_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        counted.floatCount += fields.skipPackedFixed(Float.BYTES);
                case TensorProto.DOUBLE_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        counted.doubleCount += fields.skipPackedFixed(Double.BYTES);
                case TensorProto.INT32_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.packed(() -> {
                            in.readRawVarint64();
                            counted.int32Count++;
                        });
                case TensorProto.INT64_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.packed(() -> {
                            in.readRawVarint64();
                            counted.int64Count++;
                        });
                case TensorProto.UINT64_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.packed(() -> {
                            in.readRawVarint64();
                            counted.uint64Count++;
                        });
                case TensorProto.RAW_DATA_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> {
                    // As skipField skips it, but keeping the length; raw_data is one bytes field, the last wins.
                    int length = in.readRawVarint32();
                    in.skipRawBytes(length);
                    counted.rawBytes = length;
                }
                default -> {
                    count(tag, counted);
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }

    /** Counts one unpacked value (or one string) of a value list; other fields count nothing. */
    private static void count(int tag, TensorPayload.Counter counted) {
        int wireType = WireFormat.getTagWireType(tag);
        switch (WireFormat.getTagFieldNumber(tag)) {
            case TensorProto.FLOAT_DATA_FIELD_NUMBER -> counted.floatCount += wireType == FieldStream.FIXED32 ? 1 : 0;
            case TensorProto.DOUBLE_DATA_FIELD_NUMBER ->
                    counted.doubleCount += wireType == FieldStream.FIXED64 ? 1 : 0;
            case TensorProto.INT32_DATA_FIELD_NUMBER -> counted.int32Count += wireType == VARINT ? 1 : 0;
            case TensorProto.INT64_DATA_FIELD_NUMBER -> counted.int64Count += wireType == VARINT ? 1 : 0;
            case TensorProto.UINT64_DATA_FIELD_NUMBER -> counted.uint64Count += wireType == VARINT ? 1 : 0;
            case TensorProto.STRING_DATA_FIELD_NUMBER -> counted.stringCount += wireType == LENGTH_DELIMITED ? 1 : 0;
            default -> {
                // not a value field
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
