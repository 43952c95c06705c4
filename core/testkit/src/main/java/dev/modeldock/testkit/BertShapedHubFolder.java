package dev.modeldock.testkit;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.OnnxGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A hub folder holding a BERT encoder of any size with random weights, for measuring what models as
 * large as teams ask for cost without downloading one: the whole graph of a BERT encoder
 * (embeddings, self-attention, feed-forward, layer norms; opset 17), MiniLM's uncased WordPiece
 * tokenizer, mean pooling and normalization. Random weights make random vectors, but the pipeline and
 * the reference encoder share them, so the parity check means what it means for a real model.
 */
public final class BertShapedHubFolder {
    /** The sizes that set an encoder's parameter count. */
    public record Shape(String name, int layers, int hidden, int heads, int intermediate, int vocab,
            int positions) {
        /** BERT-large, bge-large, e5-large, mxbai-embed-large: 335 M parameters, 1.34 GB in float32. */
        public static final Shape BERT_LARGE = new Shape("bert-large-shaped", 24, 1024, 16, 4096, 30522, 512);
        /**
         * XLM-RoBERTa-large's sizes (multilingual-e5-large, bge-m3): its 250,002-token vocabulary makes it
         * 560 M parameters, 2.24 GB in float32. Its WordPiece tokenizer uses only the first 30,522 rows.
         */
        public static final Shape XLM_R_LARGE = new Shape("xlm-roberta-large-sized", 24, 1024, 16, 4096, 250002,
                514);

        /** The encoder's weights, in values. */
        public long parameters() {
            long embeddings = (long) (vocab + positions + 2) * hidden + 2L * hidden;
            long layer = 4L * hidden * hidden + 4L * hidden + 2L * hidden * intermediate + intermediate + hidden
                    + 4L * hidden;
            return embeddings + layers * layer;
        }
    }

    private BertShapedHubFolder() {
    }

    /**
     * Writes the model under {@code root/<shape name>} and returns that folder: {@code onnx/model.onnx}
     * holding the weights, or with {@code externalData} the graph alone and the weights in
     * {@code onnx/model.onnx_data}, as models past 2 GB ship.
     */
    public static Path create(Path root, Shape shape, boolean externalData, long seed) {
        Path folder = root.resolve(shape.name());
        try {
            Files.createDirectories(folder.resolve("onnx"));
            Files.createDirectories(folder.resolve("1_Pooling"));
            ModelProto encoder = OnnxFixtures.model(new Builder(shape, seed).graph());
            Path file = folder.resolve("onnx/model.onnx");
            if (externalData) {
                OnnxFixtures.writeWithExternalData(encoder, file, "model.onnx_data", 1024);
            } else {
                OnnxFixtures.write(encoder, file);
            }
            MiniLmHubFolder.writeTokenizerFiles(folder);
            Files.writeString(folder.resolve("config.json"), String.format("""
                    {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": %d,
                     "num_hidden_layers": %d, "num_attention_heads": %d, "intermediate_size": %d,
                     "max_position_embeddings": %d, "type_vocab_size": 2, "vocab_size": %d}
                    """, shape.hidden(), shape.layers(), shape.heads(), shape.intermediate(), shape.positions(),
                    shape.vocab()));
            Files.writeString(folder.resolve("1_Pooling/config.json"), "{\"word_embedding_dimension\": "
                    + shape.hidden() + ", \"pooling_mode_mean_tokens\": true}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** The encoder's graph, its weights drawn as they are named. */
    private static final class Builder {
        private final Shape shape;
        private final OnnxGraph graph = new OnnxGraph("bert-shaped encoder");
        private long state;

        Builder(Shape shape, long seed) {
            this.shape = shape;
            this.state = seed | 1;
        }

        GraphProto graph() {
            int h = shape.hidden();
            graph.input(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"))
                    .input(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch", "sequence"))
                    .input(OnnxGraph.tensor("token_type_ids", DataType.INT64, "batch", "sequence"));
            String words = graph.node("Gather", random("word_embeddings", shape.vocab(), h), "input_ids");
            String length = graph.node("Gather", List.of(graph.node("Shape", "input_ids"),
                    graph.constant("sequence_axis", new long[] {1})), Map.of());
            String positions = graph.node("Range", graph.constant("zero", new long[] {0}), length,
                    graph.constant("one", new long[] {1}));
            String sum = graph.node("Add", graph.node("Add", words, graph.node("Gather",
                    random("position_embeddings", shape.positions(), h), positions)),
                    graph.node("Gather", random("token_type_embeddings", 2, h), "token_type_ids"));
            String x = norm(sum, "embeddings");
            String mask = graph.node("Unsqueeze", graph.node("Mul", graph.node("Sub", filled("one_f", 1f),
                    graph.node("Cast", List.of("attention_mask"), Map.of("to", (long) DataType.FLOAT_VALUE))),
                    filled("masked", -10000f)), graph.constant("mask_axes", new long[] {1, 2}, 2));
            for (int layer = 0; layer < shape.layers(); layer++) {
                x = layer(x, mask, "layer" + layer);
            }
            graph.output(x, OnnxGraph.tensor("last_hidden_state", DataType.FLOAT, "batch", "sequence", h));
            return graph.build();
        }

        private String layer(String x, String mask, String name) {
            int h = shape.hidden();
            int headSize = h / shape.heads();
            String heads = graph.constant(name + "/heads", new long[] {0, 0, shape.heads(), headSize}, 4);
            String q = graph.node("Transpose", List.of(graph.node("Reshape", dense(x, h, h, name + "/query"), heads)),
                    Map.of("perm", new long[] {0, 2, 1, 3}));
            String k = graph.node("Transpose", List.of(graph.node("Reshape", dense(x, h, h, name + "/key"), heads)),
                    Map.of("perm", new long[] {0, 2, 3, 1}));
            String v = graph.node("Transpose", List.of(graph.node("Reshape", dense(x, h, h, name + "/value"), heads)),
                    Map.of("perm", new long[] {0, 2, 1, 3}));
            String scores = graph.node("Add", graph.node("Mul", graph.node("MatMul", q, k),
                    filled(name + "/scale", (float) (1 / Math.sqrt(headSize)))), mask);
            String context = graph.node("Reshape", graph.node("Transpose", List.of(graph.node("MatMul",
                    graph.node("Softmax", List.of(scores), Map.of("axis", -1L)), v)),
                    Map.of("perm", new long[] {0, 2, 1, 3})), graph.constant(name + "/merged", new long[] {0, 0, h}, 3));
            String attended = norm(graph.node("Add", x, dense(context, h, h, name + "/output")), name + "/attention");
            String up = dense(attended, h, shape.intermediate(), name + "/intermediate");
            String gelu = graph.node("Mul", graph.node("Mul", up, filled(name + "/half", 0.5f)), graph.node("Add",
                    filled(name + "/plus", 1f), graph.node("Erf", graph.node("Mul", up,
                            filled(name + "/rsqrt2", (float) (1 / Math.sqrt(2)))))));
            return norm(graph.node("Add", attended, dense(gelu, shape.intermediate(), h, name + "/ffn")), name + "/ffn");
        }

        private String dense(String x, int in, int out, String name) {
            return graph.node("Add", graph.node("MatMul", x, random(name + "/weight", in, out)),
                    filled(name + "/bias", 0f, out));
        }

        private String norm(String x, String name) {
            int h = shape.hidden();
            return graph.node("LayerNormalization", List.of(x, filled(name + "/gamma", 1f, h),
                    filled(name + "/beta", 0f, h)), Map.of("axis", -1L, "epsilon", 1e-12f));
        }

        /** Weights uniform in ±0.035 (standard deviation 0.02, as BERT initialises them). */
        private String random(String name, int rows, int columns) {
            byte[] bytes = new byte[Math.multiplyExact(rows * columns, 4)];
            FloatBuffer values = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            while (values.hasRemaining()) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                values.put((float) ((state >>> 40) / (double) (1L << 24) - 0.5) * 0.07f);
            }
            return graph.rawConstant(name, UnsafeByteOperations.unsafeWrap(bytes), rows, columns);
        }

        /** A tensor of {@code dims} (a scalar without) whose values are all {@code value}. */
        private String filled(String name, float value, long... dims) {
            long count = 1;
            for (long dim : dims) {
                count *= dim;
            }
            byte[] bytes = new byte[(int) count * 4];
            FloatBuffer values = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            while (values.hasRemaining()) {
                values.put(value);
            }
            return graph.rawConstant(name, ByteString.copyFrom(bytes), dims);
        }
    }
}
