package dev.modeldock.tokenizer.bpe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modeldock.modelfiles.ModelFiles;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which byte-level BPE family a model's tokenizer files describe. {@code tokenizer_config.json}'s
 * {@code tokenizer_class} decides when it names RoBERTa's or GPT-2's tokenizer; without one, a
 * tokenizer.json whose model is BPE behind a ByteLevel pre-tokenizer does ({@code RobertaProcessing}
 * adding {@code <s>}/{@code </s>} means RoBERTa, else GPT-2), and without either, config.json's
 * {@code model_type}. A tokenizer.json of another kind (WordPiece, Unigram) is never this plugin's. The
 * op reads {@code vocab.json} and {@code merges.txt}, so one of them must be there too.
 */
final class ByteLevelFiles {
    static final String VOCAB = "vocab.json";
    static final String MERGES = "merges.txt";

    private ByteLevelFiles() {
    }

    /** The family of {@code model}'s tokenizer, or empty when it is not a byte-level BPE tokenizer. */
    static Optional<ByteLevelFamily> family(ModelFolder model) {
        if (model.find(VOCAB).isEmpty() && model.find(MERGES).isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> tokenizerJson = model.find("tokenizer.json").map(ModelFiles::json);
        if (tokenizerJson.isPresent() && !byteLevelBpe(tokenizerJson.get())) {
            return Optional.empty();
        }
        Optional<ByteLevelFamily> declared = model.find("tokenizer_config.json").map(ModelFiles::json)
                .map(config -> config.path("tokenizer_class").asText()).flatMap(ByteLevelFamily::named);
        if (declared.isPresent()) {
            return declared;
        }
        if (tokenizerJson.isPresent()) {
            String post = tokenizerJson.get().path("post_processor").path("type").asText();
            return Optional.of("RobertaProcessing".equals(post) ? ByteLevelFamily.ROBERTA : ByteLevelFamily.GPT2);
        }
        return model.find("config.json").map(ModelFiles::json)
                .flatMap(config -> ByteLevelFamily.named(config.path("model_type").asText()));
    }

    /**
     * Where the model's tokenizer puts a space before every text ({@code add_prefix_space}), or empty
     * when it does not: tokenizer.json's ByteLevel pre-tokenizer decides when there is one (the
     * reference reads it), else tokenizer_config.json.
     */
    static Optional<String> prefixSpace(ModelFolder model) {
        Optional<Path> tokenizerJson = model.find("tokenizer.json");
        if (tokenizerJson.isPresent()) {
            return byteLevelStep(ModelFiles.json(tokenizerJson.get()))
                    .filter(step -> step.path("add_prefix_space").asBoolean(false))
                    .map(step -> "tokenizer.json's ByteLevel pre-tokenizer");
        }
        return model.find("tokenizer_config.json").map(ModelFiles::json)
                .filter(config -> config.path("add_prefix_space").asBoolean(false))
                .map(config -> "tokenizer_config.json");
    }

    /**
     * A BPE model behind a ByteLevel pre-tokenizer, alone or in a Sequence, that marks no word ends: CLIP's
     * BPE ({@code </w>} after each word) is byte-level too, but not RoBERTa's or GPT-2's.
     */
    private static boolean byteLevelBpe(JsonNode tokenizer) {
        return "BPE".equals(tokenizer.path("model").path("type").asText()) && byteLevelStep(tokenizer).isPresent()
                && tokenizer.path("model").path("end_of_word_suffix").asText("").isEmpty();
    }

    private static Optional<JsonNode> byteLevelStep(JsonNode tokenizer) {
        JsonNode pre = tokenizer.path("pre_tokenizer");
        JsonNode steps = "Sequence".equals(pre.path("type").asText())
                ? pre.path("pretokenizers") : JsonNodeFactory.instance.arrayNode().add(pre);
        for (JsonNode step : steps) {
            if ("ByteLevel".equals(step.path("type").asText())) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }
}
