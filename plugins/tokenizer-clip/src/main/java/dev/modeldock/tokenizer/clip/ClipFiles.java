package dev.modeldock.tokenizer.clip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.modelfiles.ModelFiles;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a model's tokenizer files are CLIP's: {@code tokenizer_config.json}'s {@code tokenizer_class}
 * decides when there is one ({@code CLIPTokenizer}, slow or fast); without it, a tokenizer.json whose
 * BPE model marks word ends with {@code </w>} and puts {@code <|startoftext|>} first; without either,
 * config.json's {@code model_type}. The op reads {@code vocab.json} and {@code merges.txt}, so one of
 * them must be there too.
 */
final class ClipFiles {
    static final String VOCAB = "vocab.json";
    static final String MERGES = "merges.txt";
    static final String START = "<|startoftext|>";
    static final String END = "<|endoftext|>";
    static final String SUFFIX = "</w>";

    private static final Set<String> CLASSES = Set.of("CLIPTokenizer", "CLIPTokenizerFast");
    private static final Set<String> MODEL_TYPES = Set.of("clip", "clip_text_model");
    private ClipFiles() {
    }

    static boolean clip(ModelFolder model) {
        if (model.find(VOCAB).isEmpty() && model.find(MERGES).isEmpty()) {
            return false;
        }
        Optional<String> declared = model.find("tokenizer_config.json").map(ModelFiles::json)
                .map(config -> config.path("tokenizer_class")).filter(JsonNode::isTextual).map(JsonNode::asText);
        if (declared.isPresent()) {
            return CLASSES.contains(declared.get());
        }
        Optional<JsonNode> tokenizerJson = model.find("tokenizer.json").map(ModelFiles::json);
        if (tokenizerJson.isPresent()) {
            JsonNode tokenizer = tokenizerJson.get();
            return "BPE".equals(tokenizer.path("model").path("type").asText())
                    && SUFFIX.equals(tokenizer.path("model").path("end_of_word_suffix").asText())
                    && START.equals(tokenizer.path("post_processor").path("cls").path(0).asText());
        }
        return model.find("config.json").map(ModelFiles::json)
                .filter(config -> MODEL_TYPES.contains(config.path("model_type").asText())).isPresent();
    }
}
