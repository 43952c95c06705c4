package dev.modeldock.tokenizer.bert;

import static dev.modeldock.tokenizer.bert.TokenizerFixtures.JSON;
import static dev.modeldock.tokenizer.bert.TokenizerFixtures.VOCAB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPieceFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsVocabularyAndSpecialTokensFromTokenizerJson() throws Exception {
        TokenizerFixtures.writeJson(dir, "tokenizer.json", TokenizerFixtures.tokenizerJson(VOCAB));
        WordPieceFiles files = WordPieceFiles.read(folder());
        assertEquals(String.join("\n", VOCAB), files.vocabulary().asText());
        assertEquals("[UNK]", files.unknownToken());
        assertEquals("[CLS]", files.clsToken());
        assertEquals("[SEP]", files.sepToken());
        assertEquals("[PAD]", files.padToken());
        assertEquals("[MASK]", files.maskToken());
        assertEquals("##", files.suffixIndicator());
        assertNull(files.stripAccents(), "strip_accents null leaves it to lowercasing");
        assertTrue(files.tokenizeChineseChars());
    }

    @Test
    void takesSpecialTokensFromTheTemplateNotFromDefaults() throws Exception {
        List<String> vocab = List.of("<unk>", "<cls>", "<sep>", "hello");
        ObjectNode tokenizer = TokenizerFixtures.tokenizerJson(vocab);
        ((ObjectNode) tokenizer.path("model")).put("unk_token", "<unk>");
        ((ObjectNode) tokenizer.path("post_processor").path("single").get(0).path("SpecialToken")).put("id", "<cls>");
        ((ObjectNode) tokenizer.path("post_processor").path("single").get(2).path("SpecialToken")).put("id", "<sep>");
        TokenizerFixtures.writeJson(dir, "tokenizer.json", tokenizer);
        WordPieceFiles files = WordPieceFiles.read(folder());
        assertEquals("<cls>", files.clsToken());
        assertEquals("<sep>", files.sepToken());
        assertEquals("<unk>", files.unknownToken());
        assertEquals("<unk>", files.padToken(), "a pad token missing from the vocabulary falls back to unknown");
        assertEquals("<unk>", files.maskToken(), "a mask token missing from the vocabulary falls back to unknown");
    }

    @Test
    void robertaStylePostProcessorPicksItsClsAndSepTokens() throws Exception {
        List<String> vocab = List.of("<s>", "<pad>", "</s>", "<unk>", "[UNK]", "hello");
        ObjectNode tokenizer = TokenizerFixtures.tokenizerJson(vocab);
        ObjectNode post = tokenizer.putObject("post_processor");
        post.put("type", "RobertaProcessing");
        post.putArray("sep").add("</s>").add(2);
        post.putArray("cls").add("<s>").add(0);
        TokenizerFixtures.writeJson(dir, "tokenizer.json", tokenizer);
        WordPieceFiles files = WordPieceFiles.read(folder());
        assertEquals("<s>", files.clsToken());
        assertEquals("</s>", files.sepToken());
    }

    @Test
    void readsExplicitStripAccentsInsideASequenceNormalizer() throws Exception {
        ObjectNode tokenizer = TokenizerFixtures.tokenizerJson(VOCAB);
        ObjectNode bert = ((ObjectNode) tokenizer.get("normalizer")).deepCopy();
        bert.put("strip_accents", false);
        bert.put("handle_chinese_chars", false);
        ObjectNode sequence = tokenizer.putObject("normalizer");
        sequence.put("type", "Sequence");
        sequence.putArray("normalizers").add(JSON.createObjectNode().put("type", "NFC")).add(bert);
        TokenizerFixtures.writeJson(dir, "tokenizer.json", tokenizer);
        WordPieceFiles files = WordPieceFiles.read(folder());
        assertEquals(Boolean.FALSE, files.stripAccents());
        assertFalse(files.tokenizeChineseChars());
    }

    @Test
    void readsVocabTxtWithPlainStringTokensInTheConfig() throws Exception {
        List<String> vocab = List.of("<pad>", "<unk>", "<cls>", "<sep>", "<mask>", "hello");
        TokenizerFixtures.writeVocabTxt(dir, vocab);
        TokenizerFixtures.writeJson(dir, "tokenizer_config.json", JSON.createObjectNode()
                .put("unk_token", "<unk>").put("cls_token", "<cls>").put("sep_token", "<sep>")
                .put("pad_token", "<pad>").put("mask_token", "<mask>").put("strip_accents", true));
        WordPieceFiles files = WordPieceFiles.read(folder());
        assertEquals(String.join("\n", vocab), files.vocabulary().asText(), "the trailing newline is no token");
        assertEquals(List.of("<unk>", "<cls>", "<sep>", "<pad>", "<mask>"), List.of(files.unknownToken(),
                files.clsToken(), files.sepToken(), files.padToken(), files.maskToken()));
        assertEquals(Boolean.TRUE, files.stripAccents());
    }

    @Test
    void readsVocabTxtWithContentObjectTokensInTheConfig() throws Exception {
        List<String> vocab = List.of("<pad>", "<unk>", "<cls>", "<sep>", "<mask>", "hello");
        TokenizerFixtures.writeVocabTxt(dir, vocab);
        ObjectNode config = JSON.createObjectNode();
        for (String[] entry : new String[][] {{"unk_token", "<unk>"}, {"cls_token", "<cls>"}, {"sep_token", "<sep>"},
                {"pad_token", "<pad>"}, {"mask_token", "<mask>"}}) {
            config.putObject(entry[0]).put("content", entry[1]).put("lstrip", false).put("normalized", false);
        }
        TokenizerFixtures.writeJson(dir, "tokenizer_config.json", config);
        WordPieceFiles files = WordPieceFiles.read(folder());
        assertEquals(List.of("<unk>", "<cls>", "<sep>", "<pad>", "<mask>"), List.of(files.unknownToken(),
                files.clsToken(), files.sepToken(), files.padToken(), files.maskToken()));
        assertNull(files.stripAccents());
    }

    @Test
    void readsVocabTxtWithBertDefaultsWithoutAConfig() throws Exception {
        TokenizerFixtures.writeVocabTxt(dir, VOCAB);
        WordPieceFiles files = WordPieceFiles.read(folder());
        assertEquals(VOCAB.size(), files.vocabulary().size());
        assertEquals("[CLS]", files.clsToken());
        assertEquals("[SEP]", files.sepToken());
        assertEquals("[UNK]", files.unknownToken());
    }

    @Test
    void malformedTokenizerJsonNamesTheFile() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\",");
        ModelDockException e = assertThrows(ModelDockException.class, () -> WordPieceFiles.read(folder()));
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("not valid JSON"),
                e.getMessage());
    }

    @Test
    void malformedTokenizerConfigNamesTheFile() throws Exception {
        TokenizerFixtures.writeVocabTxt(dir, VOCAB);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{'cls_token': [CLS]}");
        ModelDockException e = assertThrows(ModelDockException.class, () -> WordPieceFiles.read(folder()));
        assertTrue(e.getMessage().contains("tokenizer_config.json"), e.getMessage());
    }

    @Test
    void rejectsATokenizerJsonThatIsNotWordPiece() throws Exception {
        TokenizerFixtures.writeJson(dir, "tokenizer.json", TokenizerFixtures.bpeTokenizerJson());
        ModelDockException e = assertThrows(ModelDockException.class, () -> WordPieceFiles.read(folder()));
        assertTrue(e.getMessage().contains("BPE"), e.getMessage());
    }

    @Test
    void rejectsASpecialTokenMissingFromTheVocabulary() throws Exception {
        TokenizerFixtures.writeJson(dir, "tokenizer.json",
                TokenizerFixtures.tokenizerJson(List.of("[PAD]", "[UNK]", "[CLS]", "hello")));
        ModelDockException e = assertThrows(ModelDockException.class, () -> WordPieceFiles.read(folder()));
        assertTrue(e.getMessage().contains("[SEP]"), e.getMessage());
    }

    @Test
    void reportsAMissingVocabulary() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> WordPieceFiles.read(folder()));
        assertTrue(e.getMessage().contains("vocab.txt"), e.getMessage());
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny-bert", dir);
    }
}
