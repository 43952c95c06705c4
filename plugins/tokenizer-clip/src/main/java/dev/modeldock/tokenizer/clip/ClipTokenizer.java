package dev.modeldock.tokenizer.clip;

import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import org.pf4j.Extension;

/**
 * CLIP's text tokenizer (openai/clip-vit-base-patch32 and relatives) as onnxruntime-extensions'
 * {@code CLIPTokenizer} op, {@code <|startoftext|> pieces <|endoftext|>}. Named {@code clip}, Oracle's
 * metadata value. The text tower's pooling (the end-of-text token's hidden state, through the text
 * projection) is inside the exported encoder; the pipeline tokenizes one text, so nothing is padded.
 *
 * <p>No known limits by writing system: on the multilingual probe set every line agrees with Hugging
 * Face's tokenizer except those with characters above U+FFFF, which Java's binding alone garbles. What
 * differs whatever the script is a line break between two words (the op deletes it, joining the words;
 * CLIP reads a space) and a tab right after punctuation; README lists both.
 */
@Extension
public final class ClipTokenizer implements Tokenizer {
    @Override
    public String name() {
        return "clip";
    }

    @Override
    public boolean recognizes(ModelFolder model) {
        return ClipFiles.clip(model);
    }

    @Override
    public TokenIds append(GraphBuilder graph, String text, ModelFolder model, TokenizerOptions options) {
        return ClipNodes.append(graph, text, model, options);
    }
}
