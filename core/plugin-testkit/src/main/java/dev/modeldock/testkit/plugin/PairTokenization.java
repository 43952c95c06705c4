package dev.modeldock.testkit.plugin;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plan.OpsetPolicy;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.OrtSessions;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A tokenizer's text-pair nodes ({@link Tokenizer#appendPair}) alone in a graph, run in ONNX Runtime
 * with onnxruntime-extensions, beside Hugging Face's tokenizer (through DJL) reading the model's
 * tokenizer.json with the settings the host's reference uses: truncation (longest first) at
 * {@code maxSequenceLength}, special tokens added, no padding.
 *
 * <pre>{@code
 * try (PairTokenization pairs = PairTokenization.of(new MyTokenizer(), folder, options)) {
 *     assertEquals(pairs.reference("a query", "a passage"), pairs.graph("a query", "a passage"));
 * }
 * }</pre>
 */
public final class PairTokenization implements AutoCloseable {
    private final Path file;
    private final OrtSession session;
    private final HuggingFaceTokenizer reference;
    private final HuggingFaceTokenizer counter;

    private PairTokenization(Path file, OrtSession session, HuggingFaceTokenizer reference,
            HuggingFaceTokenizer counter) {
        this.file = file;
        this.session = session;
        this.reference = reference;
        this.counter = counter;
    }

    /** Builds the graph ("first", "second" STRING [1] → "ids", "mask", "types" INT64 [1, tokens]) and opens both. */
    public static PairTokenization of(Tokenizer tokenizer, Path folder, TokenizerOptions options) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("pair_tokenizer", OpsetPolicy.PREFERRED_OPSET);
        graph.addInput(TensorTypes.tensor("first", DataType.STRING, 1));
        graph.addInput(TensorTypes.tensor("second", DataType.STRING, 1));
        TokenIds ids = tokenizer.appendPair(graph, "first", "second", new ModelFolder("pair-model", folder), options);
        graph.publish(ids.inputIds(), TensorTypes.tensor("ids", DataType.INT64, 1, "tokens"));
        graph.publish(ids.attentionMask(), TensorTypes.tensor("mask", DataType.INT64, 1, "tokens"));
        graph.publish(ids.tokenTypeIds(), TensorTypes.tensor("types", DataType.INT64, 1, "tokens"));
        try {
            Path file = Files.createTempFile("pair-tokenizer-", ".onnx");
            file.toFile().deleteOnExit();
            OnnxFixtures.write(OnnxFixtures.model(graph.build(), graph.opset(),
                    graph.customDomains().toArray(String[]::new)), file);
            HuggingFaceTokenizer reference = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(folder.resolve("tokenizer.json")).optMaxLength(options.maxSequenceLength())
                    .optTruncation(true).optPadding(false).optAddSpecialTokens(true).build();
            HuggingFaceTokenizer counter = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(folder.resolve("tokenizer.json")).optTruncation(false).optPadding(false)
                    .optAddSpecialTokens(false).build();
            return new PairTokenization(file, OnnxFixtures.open(file), reference, counter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new AssertionError(tokenizer.name() + ": ONNX Runtime cannot load its pair nodes: " + e.getMessage(), e);
        }
    }

    /**
     * One encoded pair.
     *
     * @param ids   token ids, special tokens included
     * @param mask  attention mask
     * @param types token type (segment) ids
     */
    public record Encoded(long[] ids, long[] mask, long[] types) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Encoded that && Arrays.equals(ids, that.ids) && Arrays.equals(mask, that.mask)
                    && Arrays.equals(types, that.types);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids) * 31 * 31 + Arrays.hashCode(mask) * 31 + Arrays.hashCode(types);
        }

        @Override
        public String toString() {
            return "ids " + Arrays.toString(ids) + ", mask " + Arrays.toString(mask) + ", types "
                    + Arrays.toString(types);
        }
    }

    /** The graph's file, to run it elsewhere (another runtime); deleted when the JVM exits. */
    public Path graphFile() {
        return file;
    }

    /** What the tokenizer's nodes make of the pair. */
    public Encoded graph(String first, String second) {
        try (OnnxTensor a = OnnxTensor.createTensor(OrtSessions.environment(), new String[] {first}, new long[] {1});
                OnnxTensor b = OnnxTensor.createTensor(OrtSessions.environment(), new String[] {second}, new long[] {1});
                OrtSession.Result result = session.run(Map.of("first", a, "second", b))) {
            return new Encoded(row(result, "ids"), row(result, "mask"), row(result, "types"));
        } catch (OrtException e) {
            throw new AssertionError("the pair nodes failed on (" + first + ", " + second + "): " + e.getMessage(), e);
        }
    }

    /** What Hugging Face's tokenizer makes of the pair. */
    public Encoded reference(String first, String second) {
        Encoding encoding = reference.encode(first, second);
        return new Encoded(encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds());
    }

    /** How many pieces Hugging Face's tokenizer makes of {@code text} alone, without special tokens or truncation. */
    public int pieceCount(String text) {
        return counter.encode(text).getIds().length;
    }

    /**
     * Which case of the longest-first rule a pair of piece counts falls in, for a test to show that its
     * pairs reach every case; the expected ids always come from Hugging Face's tokenizer, not from this.
     */
    public enum Case {
        /** Both texts fit whole. */
        FITS,
        /** The shorter fits in half the budget and stays whole; the longer is cut. */
        LONGER_CUT,
        /** Both are cut to about half the budget, the texts of different lengths. */
        BOTH_CUT,
        /** Both are cut, the texts equally long: the tie decides which keeps the odd piece. */
        BOTH_CUT_EQUAL;

        public static Case of(int firstPieces, int secondPieces, int budget) {
            if (firstPieces + secondPieces <= budget) {
                return FITS;
            }
            if (Math.min(firstPieces, secondPieces) <= budget / 2) {
                return LONGER_CUT;
            }
            return firstPieces == secondPieces ? BOTH_CUT_EQUAL : BOTH_CUT;
        }
    }

    private static long[] row(OrtSession.Result result, String name) throws OrtException {
        return ((long[][]) result.get(name).orElseThrow().getValue())[0];
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing releases native memory; nothing to do if the runtime complains.
        } finally {
            reference.close();
            counter.close();
        }
    }
}
