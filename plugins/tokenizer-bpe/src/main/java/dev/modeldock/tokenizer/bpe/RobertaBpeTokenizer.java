package dev.modeldock.tokenizer.bpe;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import org.pf4j.Extension;

/**
 * RoBERTa's byte-level BPE (RoBERTa, CodeBERT, ...) as onnxruntime-extensions' {@code RobertaTokenizer}
 * op, {@code <s> pieces </s>}. Named {@code bpe}: Oracle's metadata has that value and no
 * {@code roberta} (see {@link ByteLevelFamily}). RoBERTa's position ids (padding index + 1 on) are the
 * encoder's business, as in the hub's ONNX exports.
 */
@Extension
public final class RobertaBpeTokenizer implements Tokenizer {
    @Override
    public String name() {
        return ByteLevelFamily.ROBERTA.metadataName();
    }

    @Override
    public boolean recognizes(ModelFolder model) {
        return ByteLevelFiles.family(model).filter(ByteLevelFamily.ROBERTA::equals).isPresent();
    }

    @Override
    public TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options) {
        return ByteLevelNodes.append(graph, text, model, options, ByteLevelFamily.ROBERTA);
    }
}
