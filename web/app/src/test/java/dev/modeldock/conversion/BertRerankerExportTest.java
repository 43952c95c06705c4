package dev.modeldock.conversion;

import dev.modeldock.testkit.CrossEncoderHubFolder;
import java.nio.file.Path;

/** The BERT cross-encoder (cross-encoder/ms-marco-MiniLM-L-6-v2's shape): [CLS] q [SEP] p [SEP], token types 0/1. */
class BertRerankerExportTest extends RerankerExportContract {
    @Override
    Path createModel(Path root) {
        return CrossEncoderHubFolder.create(root);
    }

    @Override
    boolean tokenTypesTellTheTextsApart() {
        return true;
    }

    @Override
    String tokenizer() {
        return "bert";
    }
}
