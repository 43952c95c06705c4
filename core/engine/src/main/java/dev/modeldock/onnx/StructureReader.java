package dev.modeldock.onnx;

import static dev.modeldock.onnx.FieldStream.FIXED32;
import static dev.modeldock.onnx.FieldStream.LENGTH_DELIMITED;
import static dev.modeldock.onnx.FieldStream.VARINT;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorAnnotation;
import ai.onnx.proto.OnnxMl.TrainingInfoProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Parses an ONNX model with every tensor's values left out (see {@link TensorHeaders}), wherever a
 * tensor appears: initializers of the graph and of every subgraph, tensor attributes such as a
 * Constant node's value, training graphs and functions. Everything else is kept as the generated
 * parser would read it; fields that the schema does not know are dropped.
 *
 * <p>The messages that can hold tensors are parsed field by field; the others (value infos, types,
 * opset imports, key/value pairs) are small, and their generated parsers read them.
 */
final class StructureReader {
    private final FieldStream fields;
    private final CodedInputStream in;
    private final TensorHeaders tensors;

    private StructureReader(FieldStream fields) {
        this.fields = fields;
        this.in = fields.values();
        this.tensors = new TensorHeaders(fields);
    }

    /**
     * Reads a ModelProto from {@code in} up to the end of the stream or to an end-group tag, as
     * {@code ModelProto.parseFrom(in)} does; the caller decides whether stopping early is an error.
     */
    static ModelProto read(CodedInputStream in) throws IOException {
        return read(in, payload -> { });
    }

    /** As {@link #read(CodedInputStream)}, handing every tensor's payload, wherever it is, to {@code payloads}. */
    static ModelProto read(CodedInputStream in, Consumer<TensorPayload> payloads) throws IOException {
        ModelProto.Builder model = ModelProto.newBuilder();
        StructureReader reader = new StructureReader(new FieldStream(in));
        reader.readModel(model);
        reader.tensors.payloads(payloads);
        return model.build();
    }

    private void readModel(ModelProto.Builder model) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case ModelProto.IR_VERSION_FIELD_NUMBER << 3 | VARINT -> model.setIrVersion(in.readInt64());
                case ModelProto.PRODUCER_NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        model.setProducerNameBytes(in.readBytes());
                case ModelProto.PRODUCER_VERSION_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        model.setProducerVersionBytes(in.readBytes());
                case ModelProto.DOMAIN_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> model.setDomainBytes(in.readBytes());
                case ModelProto.MODEL_VERSION_FIELD_NUMBER << 3 | VARINT -> model.setModelVersion(in.readInt64());
                case ModelProto.DOC_STRING_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> model.setDocStringBytes(in.readBytes());
                case ModelProto.GRAPH_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readGraph(model.getGraphBuilder()));
                case ModelProto.OPSET_IMPORT_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        model.addOpsetImport(fields.message(OperatorSetIdProto.parser()));
                case ModelProto.METADATA_PROPS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        model.addMetadataProps(fields.message(StringStringEntryProto.parser()));
                case ModelProto.TRAINING_INFO_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readTrainingInfo(model.addTrainingInfoBuilder()));
                case ModelProto.FUNCTIONS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readFunction(model.addFunctionsBuilder()));
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }

    private void readGraph(GraphProto.Builder graph) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case GraphProto.NODE_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readNode(graph.addNodeBuilder()));
                case GraphProto.NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> graph.setNameBytes(in.readBytes());
                case GraphProto.INITIALIZER_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> tensors.read(graph.addInitializerBuilder()));
                case GraphProto.SPARSE_INITIALIZER_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> tensors.readSparse(graph.addSparseInitializerBuilder()));
                case GraphProto.DOC_STRING_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> graph.setDocStringBytes(in.readBytes());
                case GraphProto.INPUT_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        graph.addInput(fields.message(ValueInfoProto.parser()));
                case GraphProto.OUTPUT_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        graph.addOutput(fields.message(ValueInfoProto.parser()));
                case GraphProto.VALUE_INFO_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        graph.addValueInfo(fields.message(ValueInfoProto.parser()));
                case GraphProto.QUANTIZATION_ANNOTATION_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        graph.addQuantizationAnnotation(fields.message(TensorAnnotation.parser()));
                case GraphProto.METADATA_PROPS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        graph.addMetadataProps(fields.message(StringStringEntryProto.parser()));
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }

    private void readNode(NodeProto.Builder node) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case NodeProto.INPUT_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> node.addInputBytes(in.readBytes());
                case NodeProto.OUTPUT_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> node.addOutputBytes(in.readBytes());
                case NodeProto.NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> node.setNameBytes(in.readBytes());
                case NodeProto.OP_TYPE_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> node.setOpTypeBytes(in.readBytes());
                case NodeProto.DOMAIN_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> node.setDomainBytes(in.readBytes());
                case NodeProto.OVERLOAD_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> node.setOverloadBytes(in.readBytes());
                case NodeProto.ATTRIBUTE_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readAttribute(node.addAttributeBuilder()));
                case NodeProto.DOC_STRING_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> node.setDocStringBytes(in.readBytes());
                case NodeProto.METADATA_PROPS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        node.addMetadataProps(fields.message(StringStringEntryProto.parser()));
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }

    private void readAttribute(AttributeProto.Builder attribute) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case AttributeProto.NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> attribute.setNameBytes(in.readBytes());
                case AttributeProto.REF_ATTR_NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        attribute.setRefAttrNameBytes(in.readBytes());
                case AttributeProto.DOC_STRING_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        attribute.setDocStringBytes(in.readBytes());
                case AttributeProto.TYPE_FIELD_NUMBER << 3 | VARINT -> {
                    // A number the schema does not know is an unknown field to the generated parser too; dropped here.
                    AttributeProto.AttributeType type = AttributeProto.AttributeType.forNumber(in.readEnum());
                    if (type != null) {
                        attribute.setType(type);
                    }
                }
                case AttributeProto.F_FIELD_NUMBER << 3 | FIXED32 -> attribute.setF(in.readFloat());
                case AttributeProto.I_FIELD_NUMBER << 3 | VARINT -> attribute.setI(in.readInt64());
                case AttributeProto.S_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> attribute.setS(in.readBytes());
                case AttributeProto.T_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> tensors.read(attribute.getTBuilder()));
                case AttributeProto.G_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readGraph(attribute.getGBuilder()));
                case AttributeProto.SPARSE_TENSOR_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> tensors.readSparse(attribute.getSparseTensorBuilder()));
                case AttributeProto.TP_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> fields.message(attribute.getTpBuilder());
                case AttributeProto.FLOATS_FIELD_NUMBER << 3 | FIXED32 -> attribute.addFloats(in.readFloat());
                case AttributeProto.FLOATS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.packed(() -> attribute.addFloats(in.readFloat()));
                case AttributeProto.INTS_FIELD_NUMBER << 3 | VARINT -> attribute.addInts(in.readInt64());
                case AttributeProto.INTS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.packed(() -> attribute.addInts(in.readInt64()));
                case AttributeProto.STRINGS_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> attribute.addStrings(in.readBytes());
                case AttributeProto.TENSORS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> tensors.read(attribute.addTensorsBuilder()));
                case AttributeProto.GRAPHS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readGraph(attribute.addGraphsBuilder()));
                case AttributeProto.SPARSE_TENSORS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> tensors.readSparse(attribute.addSparseTensorsBuilder()));
                case AttributeProto.TYPE_PROTOS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        attribute.addTypeProtos(fields.message(TypeProto.parser()));
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }

    private void readTrainingInfo(TrainingInfoProto.Builder training) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case TrainingInfoProto.INITIALIZATION_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readGraph(training.getInitializationBuilder()));
                case TrainingInfoProto.ALGORITHM_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readGraph(training.getAlgorithmBuilder()));
                case TrainingInfoProto.INITIALIZATION_BINDING_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        training.addInitializationBinding(fields.message(StringStringEntryProto.parser()));
                case TrainingInfoProto.UPDATE_BINDING_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        training.addUpdateBinding(fields.message(StringStringEntryProto.parser()));
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }

    private void readFunction(FunctionProto.Builder function) throws IOException {
        for (int tag = fields.nextTag(); tag != 0; tag = fields.nextTag()) {
            switch (tag) {
                case FunctionProto.NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> function.setNameBytes(in.readBytes());
                case FunctionProto.INPUT_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> function.addInputBytes(in.readBytes());
                case FunctionProto.OUTPUT_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> function.addOutputBytes(in.readBytes());
                case FunctionProto.ATTRIBUTE_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        function.addAttributeBytes(in.readBytes());
                case FunctionProto.ATTRIBUTE_PROTO_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readAttribute(function.addAttributeProtoBuilder()));
                case FunctionProto.NODE_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        fields.message(() -> readNode(function.addNodeBuilder()));
                case FunctionProto.DOC_STRING_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        function.setDocStringBytes(in.readBytes());
                case FunctionProto.OPSET_IMPORT_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        function.addOpsetImport(fields.message(OperatorSetIdProto.parser()));
                case FunctionProto.DOMAIN_FIELD_NUMBER << 3 | LENGTH_DELIMITED -> function.setDomainBytes(in.readBytes());
                case FunctionProto.OVERLOAD_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        function.setOverloadBytes(in.readBytes());
                case FunctionProto.VALUE_INFO_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        function.addValueInfo(fields.message(ValueInfoProto.parser()));
                case FunctionProto.METADATA_PROPS_FIELD_NUMBER << 3 | LENGTH_DELIMITED ->
                        function.addMetadataProps(fields.message(StringStringEntryProto.parser()));
                default -> {
                    if (!fields.skip(tag)) {
                        return;
                    }
                }
            }
        }
    }
}
