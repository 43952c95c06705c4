package dev.modeldock.tokenizer.bert;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.TokenizerOptions;
import java.util.List;
import java.util.Map;

/**
 * The BertTokenizer op with the attributes the plugin derives from a model's files and nothing else
 * (no vocabulary aliases): what the plugin built before {@link UnicodeAliases}, kept as the baseline
 * the multilingual agreement is measured against. "input" STRING [1] → "ids" INT64 [tokens].
 */
final class OpOnlyGraph {
    private OpOnlyGraph() {
    }

    static ProtoGraphBuilder of(WordPieceFiles files, TokenizerOptions options) {
        boolean lowercase = options.doLowerCase();
        boolean stripAccents = files.stripAccents() == null ? lowercase : files.stripAccents();
        ProtoGraphBuilder graph = new ProtoGraphBuilder("op_only", 17);
        graph.addInput(TensorTypes.tensor("input", DataType.STRING, 1));
        List<String> ids = graph.node(GraphBuilder.CONTRIB_DOMAIN, "BertTokenizer", List.of("input"), 3,
                Map.ofEntries(
                        Map.entry("vocab_file", files.vocabulary().asText()),
                        Map.entry("do_lower_case", lowercase ? 1L : 0L),
                        Map.entry("do_basic_tokenize", 1L),
                        Map.entry("strip_accents", stripAccents ? 1L : 0L),
                        Map.entry("tokenize_chinese_chars", files.tokenizeChineseChars() ? 1L : 0L),
                        Map.entry("unk_token", files.unknownToken()),
                        Map.entry("cls_token", files.clsToken()),
                        Map.entry("sep_token", files.sepToken()),
                        Map.entry("pad_token", files.padToken()),
                        Map.entry("mask_token", files.maskToken()),
                        Map.entry("suffix_indicator", files.suffixIndicator()),
                        Map.entry("max_length", (long) options.maxSequenceLength())));
        graph.publish(ids.get(0), TensorTypes.tensor("ids", DataType.INT64, "tokens"));
        return graph;
    }
}
