package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.Gpt2HubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A GPT-2-shaped model with GPT-2's real vocabulary and merges ({@link Gpt2HubFolder}): the in-graph
 * GPT2Tokenizer against Hugging Face's, no specials around the text, GPT-2's own config.json keys.
 */
class Gpt2ExportTest extends CasedTokenizerExportContract {
    @Override
    Path createModel(Path root) {
        return Gpt2HubFolder.create(root);
    }

    @Override
    String tokenizer() {
        return "gpt2";
    }

    @Override
    String familyInRefusal() {
        return "byte-level";
    }

    @Override
    int width() {
        return Gpt2HubFolder.HIDDEN;
    }

    /** GPT-2's n_positions (1024) bounds max_seq_length, as max_position_embeddings does for BERT. */
    @Test
    void maxSeqLengthIsCheckedAgainstNPositions() {
        EmbeddingModel model = new EmbeddingModel(hubFolder.toString(), EmbeddingModelConfig.fromTemplate("text",
                Map.of("max_seq_length", 2048, "do_lower_case", false)), Settings.defaults(), Plugins.builtIn());
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> model.convert(work.resolve("too-long"), (stage, fraction) -> { }).close());
        assertTrue(refused.getMessage().contains("above the encoder's 1024 positions"), refused.getMessage());
    }
}
