package dev.modeldock.tokenizer.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modeldock.modelfiles.ModelFiles;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the BertTokenizer op needs to know, read from a model's tokenizer files: {@code tokenizer.json}
 * when present (the fast tokenizer, authoritative), else {@code vocab.txt} with
 * {@code tokenizer_config.json}.
 *
 * @param stripAccents null when the files leave it to follow lowercasing
 */
record WordPieceFiles(Vocabulary vocabulary, Boolean stripAccents, boolean tokenizeChineseChars,
        String unknownToken, String clsToken, String sepToken, String padToken, String maskToken,
        String suffixIndicator) {

    WordPieceFiles {
        for (String token : List.of(unknownToken, clsToken, sepToken)) {
            if (!vocabulary.contains(token)) {
                throw new ModelDockException("special token " + token + " is not in the vocabulary");
            }
        }
    }

    static boolean describes(ModelFolder model) {
        Optional<Path> tokenizerJson = model.find("tokenizer.json");
        if (tokenizerJson.isPresent()) {
            return "WordPiece".equals(ModelFiles.json(tokenizerJson.get()).path("model").path("type").asText());
        }
        return model.find("vocab.txt").isPresent();
    }

    static WordPieceFiles read(ModelFolder model) {
        Optional<Path> tokenizerJson = model.find("tokenizer.json");
        JsonNode config = model.find("tokenizer_config.json").map(ModelFiles::json).orElse(JsonNodeFactory.instance.objectNode());
        return tokenizerJson.isPresent() ? fromTokenizerJson(ModelFiles.json(tokenizerJson.get()), config)
                : fromVocabTxt(model.require("vocab.txt"), config);
    }

    private static WordPieceFiles fromTokenizerJson(JsonNode tokenizer, JsonNode config) {
        JsonNode model = tokenizer.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new ModelDockException("tokenizer.json describes a " + model.path("type").asText("unknown")
                    + " model, not WordPiece");
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        model.path("vocab").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt(-1)));
        if (ids.isEmpty()) {
            throw new ModelDockException("tokenizer.json has an empty vocabulary");
        }
        Vocabulary vocabulary = Vocabulary.fromIds(ids);
        JsonNode normalizer = bertNormalizer(tokenizer.path("normalizer"));
        JsonNode post = tokenizer.path("post_processor");
        String unknown = model.path("unk_token").asText("[UNK]");
        return new WordPieceFiles(vocabulary,
                normalizer.path("strip_accents").isBoolean() ? normalizer.get("strip_accents").asBoolean() : null,
                normalizer.path("handle_chinese_chars").asBoolean(true),
                unknown,
                specialToken(post, "cls", 0, config, "cls_token", "[CLS]"),
                specialToken(post, "sep", -1, config, "sep_token", "[SEP]"),
                present(vocabulary, configToken(config, "pad_token", "[PAD]"), unknown),
                present(vocabulary, configToken(config, "mask_token", "[MASK]"), unknown),
                model.path("continuing_subword_prefix").asText("##"));
    }

    private static WordPieceFiles fromVocabTxt(Path vocabTxt, JsonNode config) {
        List<String> lines;
        try {
            lines = Files.readAllLines(vocabTxt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + vocabTxt + ": " + e.getMessage(), e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // a trailing newline, not a token
        }
        Vocabulary vocabulary = new Vocabulary(lines);
        String unknown = configToken(config, "unk_token", "[UNK]");
        return new WordPieceFiles(vocabulary,
                config.path("strip_accents").isBoolean() ? config.get("strip_accents").asBoolean() : null,
                config.path("tokenize_chinese_chars").asBoolean(true),
                unknown,
                configToken(config, "cls_token", "[CLS]"),
                configToken(config, "sep_token", "[SEP]"),
                present(vocabulary, configToken(config, "pad_token", "[PAD]"), unknown),
                present(vocabulary, configToken(config, "mask_token", "[MASK]"), unknown),
                "##");
    }

    /** The BertNormalizer settings, found directly or inside a Sequence normalizer. */
    private static JsonNode bertNormalizer(JsonNode normalizer) {
        if ("Sequence".equals(normalizer.path("type").asText())) {
            for (JsonNode step : normalizer.path("normalizers")) {
                if ("BertNormalizer".equals(step.path("type").asText())) {
                    return step;
                }
            }
        }
        return normalizer;
    }

    /**
     * A special token from the post-processor: BertProcessing and RobertaProcessing name it as
     * {@code "cls": ["[CLS]", 101]}; TemplateProcessing places it in the single-sequence template.
     */
    private static String specialToken(JsonNode post, String role, int templateIndex, JsonNode config,
            String configKey, String fallback) {
        if (post.path(role).isArray()) {
            return post.path(role).path(0).asText();
        }
        JsonNode single = post.path("single");
        if (single.isArray() && single.size() >= 3) {
            JsonNode piece = single.get(templateIndex < 0 ? single.size() - 1 : templateIndex).path("SpecialToken");
            if (piece.has("id")) {
                return piece.get("id").asText();
            }
        }
        return configToken(config, configKey, fallback);
    }

    /** A token from tokenizer_config.json, written either as a string or as {"content": ...}. */
    private static String configToken(JsonNode config, String key, String fallback) {
        JsonNode value = config.path(key);
        if (value.isTextual()) {
            return value.asText();
        }
        return value.path("content").isTextual() ? value.path("content").asText() : fallback;
    }

    /** The op looks pad and mask tokens up at start; a vocabulary without them gets the unknown token. */
    private static String present(Vocabulary vocabulary, String token, String replacement) {
        return vocabulary.contains(token) ? token : replacement;
    }
}
