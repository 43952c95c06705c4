package dev.modeldock.testkit;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * all-MiniLM-L6-v2 in hub layout ({@link MiniLmHubFolder}), its encoder edited so that it is still a
 * sound float32 model but int8 weight quantization wrecks it: what a quality gate must catch.
 *
 * <p>How: every LayerNorm whose output a MatMul reads (the embeddings' and each layer's two, in
 * the decomposed {@code Mul(·, gamma)}, {@code Add(·, beta)} form the export has, or a fused
 * {@code LayerNormalization}) gets gamma and beta of hidden feature {@value #FEATURE} set to 0, so
 * that feature is exactly 0 wherever a MatMul reads a LayerNorm's output. Row {@value #FEATURE} of
 * each such MatMul's weight matrix (the query, key, value and intermediate projections of every
 * layer; rows are input features) is then set to {@value #HUGE}. In float32 that row multiplies an
 * exact 0 and changes nothing: the model is valid, and the pipeline matches its reference. A
 * per-column int8 scale, though, is set by a column's largest magnitude: {@value #HUGE} / 64 is
 * about 156, so every trained weight (about 0.1) rounds to level 0 and all 24 projections
 * compute their bias alone.
 */
public final class Int8FragileMiniLm {
    /** The hidden feature silenced; any of the 384 would do. */
    public static final int FEATURE = 7;
    /** The value of the silenced feature's weight rows. */
    public static final float HUGE = 1e4f;

    private Int8FragileMiniLm() {
    }

    /** Writes the edited model under {@code root/sentence-transformers/all-MiniLM-L6-v2} and returns that folder. */
    public static Path create(Path root) {
        Path folder = MiniLmHubFolder.create(root);
        Path encoder = folder.resolve("onnx/model.onnx");
        try {
            ModelProto model;
            try (InputStream in = Files.newInputStream(encoder)) {
                model = ModelProto.parseFrom(in);
            }
            ModelProto edited = model.toBuilder().setGraph(edit(model.getGraph())).build();
            try (OutputStream out = Files.newOutputStream(encoder)) {
                edited.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static GraphProto edit(GraphProto graph) {
        Map<String, NodeProto> producers = new HashMap<>();
        graph.getNodeList().forEach(node -> node.getOutputList().forEach(output -> producers.put(output, node)));
        Map<String, Integer> initializers = new HashMap<>();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            initializers.put(graph.getInitializer(i).getName(), i);
        }
        Set<String> silenced = new HashSet<>();
        Set<String> huge = new HashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("MatMul") && initializers.containsKey(node.getInput(1))) {
                Optional<Set<String>> norm = layerNorm(producers.get(node.getInput(0)), producers, initializers);
                norm.ifPresent(parameters -> {
                    silenced.addAll(parameters);
                    huge.add(node.getInput(1));
                });
            }
        }
        if (huge.isEmpty()) {
            throw new IllegalStateException("fixture: no MatMul reads a LayerNorm's output in this encoder");
        }
        GraphProto.Builder edited = graph.toBuilder();
        silenced.forEach(name -> edited.setInitializer(initializers.get(name), edit(graph.getInitializer(
                initializers.get(name)), FEATURE, 1, 0f)));
        huge.forEach(name -> {
            TensorProto weight = graph.getInitializer(initializers.get(name));
            int columns = (int) weight.getDims(1);
            edited.setInitializer(initializers.get(name), edit(weight, FEATURE * columns, columns, HUGE));
        });
        return edited.build();
    }

    /** The gamma and beta initializers of the LayerNorm that produces {@code node}'s output, if it is one. */
    private static Optional<Set<String>> layerNorm(NodeProto node, Map<String, NodeProto> producers,
            Map<String, Integer> initializers) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.getOpType().equals("LayerNormalization") && node.getInputCount() == 3) {
            return Optional.of(Set.of(node.getInput(1), node.getInput(2)));
        }
        if (!node.getOpType().equals("Add")) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            String beta = node.getInput(side);
            NodeProto scale = producers.get(node.getInput(1 - side));
            if (initializers.containsKey(beta) && scale != null && scale.getOpType().equals("Mul")) {
                for (String gamma : scale.getInputList()) {
                    if (initializers.containsKey(gamma)) {
                        return Optional.of(Set.of(gamma, beta));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code tensor} (float32) with {@code count} values from {@code offset} set to {@code value}. */
    private static TensorProto edit(TensorProto tensor, int offset, int count, float value) {
        if (tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalStateException("fixture: " + tensor.getName() + " is not float32");
        }
        if (tensor.getRawData().isEmpty()) {
            TensorProto.Builder builder = tensor.toBuilder();
            for (int i = offset; i < offset + count; i++) {
                builder.setFloatData(i, value);
            }
            return builder.build();
        }
        ByteBuffer bytes = ByteBuffer.wrap(tensor.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = offset; i < offset + count; i++) {
            bytes.putFloat(i * Float.BYTES, value);
        }
        return tensor.toBuilder().setRawData(ByteString.copyFrom(bytes.array())).build();
    }
}
