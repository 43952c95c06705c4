package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.extensions.OrtxPackage;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tiny ONNX graphs as models and files, and a way to run them in the real ONNX Runtime (with
 * onnxruntime-extensions' operators registered, as the host registers them).
 */
public final class OnnxFixtures {
    /** The default domain's opset of {@link #model(GraphProto)}, the one ModelDock prefers. */
    public static final int OPSET = 17;

    private static final AtomicInteger FILES = new AtomicInteger();

    private OnnxFixtures() {
    }

    /** A model at IR version 8 importing the default domain at opset 17. */
    public static ModelProto model(GraphProto graph) {
        return model(graph, OPSET);
    }

    /**
     * A model importing the default domain at {@code opset}, and each of {@code customDomains} at
     * version 1, at the lowest IR version that opset needs (8 up to opset 18, 9 for 19 and 20, 10 after).
     */
    public static ModelProto model(GraphProto graph, int opset, String... customDomains) {
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(opset <= 18 ? 8 : opset <= 20 ? 9 : 10)
                .setProducerName("modeldock-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        for (String domain : customDomains) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(1));
        }
        return model.setGraph(graph).build();
    }

    public static NodeProto node(String opType, String name, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addAllOutput(outputs)
                .build();
    }

    public static AttributeProto graphAttribute(String name, GraphProto graph) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(graph)
                .build();
    }

    /** A float32 initializer stored as float_data. */
    public static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        for (float value : values) {
            tensor.addFloatData(value);
        }
        return tensor.build();
    }

    /** Writes {@code graph} as a model file in {@code folder}. */
    public static Path write(GraphProto graph, Path folder, String fileName) throws IOException {
        return write(model(graph), folder.resolve(fileName));
    }

    /** Writes {@code model} to {@code file} and returns the file. */
    public static Path write(ModelProto model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
        return file;
    }

    /**
     * Writes {@code model} with one more, unused initializer ({@code padding}, UINT8) whose raw bytes
     * make the file exactly {@code size} bytes. The bytes are a hole in a sparse file: a valid model of
     * 1.1 GB, as large as Oracle's limits need, takes no disk and is written at once.
     */
    public static Path writePadded(ModelProto model, long size, Path file) throws IOException {
        byte[] head = model.toBuilder().clearGraph().build().toByteArray();
        byte[] graph = model.getGraph().toByteArray();
        long most = size - head.length - graph.length;
        // Each step down shrinks the file by one byte, or more where a length's varint gets shorter.
        for (long padding = most; padding > 0 && padding > most - 64; padding--) {
            byte[] tensor = paddingTensorHead(padding);
            long initializer = CodedOutputStream.computeTagSize(5) + CodedOutputStream.computeUInt64SizeNoTag(
                    tensor.length + padding) + tensor.length + padding;
            long total = head.length + CodedOutputStream.computeTagSize(7) + CodedOutputStream.computeUInt64SizeNoTag(
                    graph.length + initializer) + graph.length + initializer;
            if (total == size) {
                try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
                    out.setLength(0);
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
                    coded.writeRawBytes(head);
                    coded.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    coded.writeUInt64NoTag(graph.length + initializer);
                    coded.writeRawBytes(graph);
                    coded.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    coded.writeUInt64NoTag(tensor.length + padding);
                    coded.writeRawBytes(tensor);
                    coded.flush();
                    out.write(bytes.toByteArray());
                    out.setLength(size); // the padding's bytes: zeros, never written
                }
                return file;
            }
        }
        throw new IllegalArgumentException("a model of " + size + " bytes cannot hold " + model.getSerializedSize()
                + " bytes of model and its padding");
    }

    /** TensorProto {@code padding}: UINT8 [padding], up to the length of its raw_data (field 9). */
    private static byte[] paddingTensorHead(long padding) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
        coded.writeInt64(1, padding);
        coded.writeInt32(2, TensorProto.DataType.UINT8_VALUE);
        coded.writeString(8, "padding");
        coded.writeTag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        coded.writeUInt64NoTag(padding);
        coded.flush();
        return bytes.toByteArray();
    }

    /**
     * Writes {@code model} as {@code file} with the values of each initializer of at least
     * {@code minBytes} raw bytes in {@code dataFileName} beside it, as {@code onnx.save_model(...,
     * save_as_external_data=True)} does: each at an offset aligned to 4096 bytes, named by location,
     * offset and length; tensors whose values are not in raw_data stay inside, as there. Returns the
     * model as written, for a test to alter its references.
     */
    public static ModelProto writeWithExternalData(ModelProto model, Path file, String dataFileName, long minBytes)
            throws IOException {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        try (RandomAccessFile data = new RandomAccessFile(file.resolveSibling(dataFileName).toFile(), "rw")) {
            data.setLength(0);
            for (int i = 0; i < graph.getInitializerCount(); i++) {
                TensorProto tensor = graph.getInitializer(i);
                if (tensor.getRawData().size() < minBytes) {
                    continue;
                }
                long offset = (data.length() + 4095) / 4096 * 4096;
                data.seek(offset);
                data.write(tensor.getRawData().toByteArray());
                graph.setInitializer(i, tensor.toBuilder().clearRawData()
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", dataFileName))
                        .addExternalData(entry("offset", String.valueOf(offset)))
                        .addExternalData(entry("length", String.valueOf(tensor.getRawData().size()))));
            }
        }
        ModelProto written = model.toBuilder().setGraph(graph).build();
        write(written, file);
        return written;
    }

    /**
     * The model with each FLOAT initializer's float_data as raw_data (little-endian), as exporters
     * write weights; the values are the same.
     */
    public static ModelProto withRawData(ModelProto model) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto tensor = graph.getInitializer(i);
            if (tensor.getFloatDataCount() > 0) {
                ByteBuffer bytes = ByteBuffer.allocate(4 * tensor.getFloatDataCount()).order(ByteOrder.LITTLE_ENDIAN);
                tensor.getFloatDataList().forEach(bytes::putFloat);
                graph.setInitializer(i, tensor.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(
                        bytes.array())));
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** Writes {@code model} into {@code folder} under a name of its own (the graph's name and a number). */
    public static Path writeInto(ModelProto model, Path folder) {
        try {
            return write(model, folder.resolve(model.getGraph().getName() + "-" + FILES.incrementAndGet() + ".onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the model and returns the named outputs, each as ONNX Runtime returns it.
     *
     * @param inputs Java values ONNX Runtime makes tensors of: arrays of any rank, scalars, strings
     */
    public static Map<String, Object> run(Path modelFile, Map<String, Object> inputs, String... outputs) throws OrtException {
        OrtEnvironment environment = environment();
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try (OrtSession session = open(modelFile)) {
            for (Map.Entry<String, Object> input : inputs.entrySet()) {
                tensors.put(input.getKey(), OnnxTensor.createTensor(environment, input.getValue()));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(tensors)) {
                for (String output : outputs) {
                    values.put(output, result.get(output).orElseThrow().getValue());
                }
            }
            return values;
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** A session on {@code modelFile}, one thread, with onnxruntime-extensions' operators. */
    public static OrtSession open(Path modelFile) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.registerCustomOpLibrary(OrtxPackage.getLibraryPath());
            options.setIntraOpNumThreads(1);
            return environment().createSession(modelFile.toString(), options);
        }
    }

    /** ONNX Runtime's environment, with the level and name the host gives it, so that either may create it. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "modeldock");
    }
}
