package dev.modeldock.tokenizer.sentencepiece;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modeldock.modelfiles.ModelFiles;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which models are XLM-RoBERTa-style SentencePiece models: a {@code sentencepiece.bpe.model}, or a fast
 * tokenizer.json whose Unigram vocabulary starts with fairseq's {@code <s> <pad> </s> <unk>}, and no
 * WordPiece vocabulary (that is the {@code bert} tokenizer's).
 */
final class SentencePieceFiles {
    /** Hugging Face's XLM-RoBERTa ids 0-3: fairseq's dictionary, before the SentencePiece pieces. */
    static final List<String> FAIRSEQ_SPECIALS = List.of("<s>", "<pad>", "</s>", "<unk>");

    private SentencePieceFiles() {
    }

    static boolean describes(ModelFolder model) {
        Optional<Path> tokenizerJson = model.find("tokenizer.json");
        if (tokenizerJson.isPresent()) {
            return fairseqUnigram(ModelFiles.json(tokenizerJson.get()).path("model"));
        }
        return model.find(SentencePieceModel.FILE).isPresent() && model.find("vocab.txt").isEmpty();
    }

    /** The model the op runs; a missing or malformed file is a {@link ModelDockException} naming it. */
    static SentencePieceModel read(ModelFolder model) {
        return SentencePieceModel.read(model.require(SentencePieceModel.FILE));
    }

    /**
     * Whether the fast tokenizer reads a trailing space as a last {@code \u2581} piece, which
     * SentencePiece drops: tokenizer.json files converted before Hugging Face added a right Strip to
     * its SentencePiece normalizer (the hub's XLM-RoBERTa family among them) do.
     */
    static boolean keepsTrailingSpace(ModelFolder model) {
        Optional<Path> tokenizerJson = model.find("tokenizer.json");
        if (tokenizerJson.isEmpty()) {
            return false;
        }
        JsonNode normalizer = ModelFiles.json(tokenizerJson.get()).path("normalizer");
        JsonNode steps = "Sequence".equals(normalizer.path("type").asText())
                ? normalizer.path("normalizers") : JsonNodeFactory.instance.arrayNode().add(normalizer);
        for (JsonNode step : steps) {
            if ("Strip".equals(step.path("type").asText()) && step.path("strip_right").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    private static boolean fairseqUnigram(JsonNode model) {
        if (!"Unigram".equals(model.path("type").asText())) {
            return false;
        }
        JsonNode vocab = model.path("vocab");
        for (int id = 0; id < FAIRSEQ_SPECIALS.size(); id++) {
            // Unigram vocabularies are [[piece, score], ...] in id order.
            if (!FAIRSEQ_SPECIALS.get(id).equals(vocab.path(id).path(0).asText())) {
                return false;
            }
        }
        return true;
    }
}
