package dev.modeldock.tokenizer.bpe;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import org.pf4j.Extension;

/**
 * GPT-2's byte-level BPE as onnxruntime-extensions' {@code GPT2Tokenizer} op: the pieces alone, no
 * special tokens, as Hugging Face's GPT-2 tokenizer gives them. Named {@code gpt2}, Oracle's metadata value.
 */
@Extension
public final class Gpt2BpeTokenizer implements Tokenizer {
    @Override
    public String name() {
        return ByteLevelFamily.GPT2.metadataName();
    }

    @Override
    public boolean recognizes(ModelFolder model) {
        return ByteLevelFiles.family(model).filter(ByteLevelFamily.GPT2::equals).isPresent();
    }

    @Override
    public TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options) {
        return ByteLevelNodes.append(graph, text, model, options, ByteLevelFamily.GPT2);
    }
}
