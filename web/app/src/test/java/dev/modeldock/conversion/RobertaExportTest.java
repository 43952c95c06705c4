package dev.modeldock.conversion;

import dev.modeldock.testkit.RobertaHubFolder;
import java.nio.file.Path;

/**
 * A RoBERTa-shaped model ({@link RobertaHubFolder}: byte-level BPE vocab.json and merges.txt, padding
 * offset inside the encoder): the in-graph RobertaTokenizer against Hugging Face's.
 */
class RobertaExportTest extends CasedTokenizerExportContract {
    @Override
    Path createModel(Path root) {
        return RobertaHubFolder.create(root);
    }

    @Override
    String tokenizer() {
        return "bpe";
    }

    @Override
    String familyInRefusal() {
        return "byte-level";
    }

    @Override
    int width() {
        return RobertaHubFolder.HIDDEN;
    }
}
