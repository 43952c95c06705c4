package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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

    /** The test cross-encoder ranks by shared words, so the exported pipeline must too. */
    @Test
    void aPassageSharingTheQuerysWordsScoresAboveOneThatSharesNone() {
        String query = "how does vector search rank passages";
        try (PipelineSession pipeline = PipelineSession.open(exported, 1)) {
            float relevant = pipeline.score(query, "vector search ranks each passage by its distance")[0];
            float irrelevant = pipeline.score(query, "the bakery opens at seven and sells rye bread")[0];
            assertTrue(relevant > irrelevant + 1, relevant + " vs " + irrelevant);
        }
    }
}
