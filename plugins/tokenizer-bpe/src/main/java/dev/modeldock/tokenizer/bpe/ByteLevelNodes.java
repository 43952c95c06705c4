package dev.modeldock.tokenizer.bpe;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.TokenizerOptions;
import java.util.List;
import java.util.Map;

/**
 * The nodes both byte-level tokenizers emit: the family's op with {@code vocab.json} and
 * {@code merges.txt} as text attributes, then standard ops that truncate as Hugging Face does.
 *
 * <p>Measured on onnxruntime-extensions 0.13.0: the op's {@code input_ids} are int64 [N, L]; RobertaTokenizer
 * adds {@code <s>} and {@code </s>} itself; neither op truncates unless {@code padding_length} is set, and
 * then RobertaTokenizer cuts after adding the specials, losing {@code </s>}. So no padding_length: the
 * nodes keep {@code max_seq_length - 2} pieces between the op's own first and last ids (the specials).
 * The op's attributes in 0.13.0 are {@code vocab}, {@code merges}, {@code padding_length},
 * {@code model_name} and {@code added_token}: nothing adds a prefix space, so a model that wants one is refused.
 */
final class ByteLevelNodes {
    private static final long LAST = Long.MAX_VALUE;

    private ByteLevelNodes() {
    }

    static TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options,
            ByteLevelFamily family) {
        if (options.doLowerCase()) {
            throw new ModelDockException("do_lower_case is true, but model '" + model.id() + "' has a byte-level BPE"
                    + " tokenizer (" + family.op() + "), which keeps case, so no text with a capital letter would"
                    + " match the reference: set do_lower_case to false");
        }
        if (options.maxSequenceLength() < family.specials() + 1) {
            throw new ModelDockException("max_seq_length " + options.maxSequenceLength() + " leaves no room for a"
                    + " token" + (family.specials() > 0 ? " between <s> and </s>" : "") + ": set it to "
                    + (family.specials() + 1) + " or more");
        }
        ByteLevelFiles.prefixSpace(model).ifPresent(where -> {
            throw new ModelDockException("model '" + model.id() + "' puts a space before every text (add_prefix_space"
                    + " in " + where + "), which onnxruntime-extensions' " + family.op() + " op cannot do (it has no"
                    + " such setting, and ONNX joins strings only from opset 20 on), so the first word of every text"
                    + " would get another id than the model's own tokenizer gives it: such a model is not supported");
        });
        ByteLevelVocabulary vocabulary = ByteLevelVocabulary.read(model, family);
        // The op's second output (attention_mask) is left unused: the mask is rebuilt after truncation.
        String ids = graph.node(GraphBuilder.CONTRIB_DOMAIN, family.op(), List.of(text), 1,
                Map.of("vocab", vocabulary.vocabJson(), "merges", vocabulary.merges())).get(0);
        String inputIds = family.specials() == 0
                ? slice(graph, ids, 0, options.maxSequenceLength())
                : graph.node("Concat", List.of(slice(graph, ids, 0, 1),
                        slice(graph, slice(graph, ids, 1, -1), 0, options.maxSequenceLength() - 2L),
                        slice(graph, ids, -1, LAST)), Map.of("axis", 1L));
        String shape = graph.node("Shape", inputIds);
        return new TokenIds(inputIds,
                graph.node("Expand", graph.constant("one", new long[] {1}, 1), shape),
                graph.node("Expand", graph.constant("zero", new long[] {0}, 1), shape));
    }

    /** {@code ids[:, from:to]} (Slice clamps an end past the length). */
    private static String slice(GraphBuilder graph, String ids, long from, long to) {
        return graph.node("Slice", ids, graph.constant("from", new long[] {from}, 1),
                graph.constant("to", new long[] {to}, 1), graph.constant("token_axis", new long[] {1}, 1));
    }
}
