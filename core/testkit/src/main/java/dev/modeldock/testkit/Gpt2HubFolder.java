package dev.modeldock.testkit;

import dev.modeldock.testkit.bpe.ByteLevelBpeFiles;
import dev.modeldock.testkit.bpe.Gpt2Vocabulary;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.PaddingOffsetEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder shaped like a GPT-2 model as the hub has it, with GPT-2's real tokenizer: its 50,257-entry
 * vocabulary and 50,000 merges ({@link Gpt2Vocabulary}, rebuilt from jtokkit's r50k_base), a
 * {@code gpt2} config.json, mean Pooling, and a synthetic encoder of width {@value #HIDDEN}.
 *
 * <p>The encoder is a {@link PaddingOffsetEncoder}: its position ids start at 2 where GPT-2's start at
 * 0, which changes nothing a test sees (the reference and the pipeline run the same encoder).
 */
public final class Gpt2HubFolder {
    public static final String HUB_ID = "modeldock-test/gpt2-shaped";
    public static final int HIDDEN = 16;
    public static final int POSITIONS = 1024;

    private Gpt2HubFolder() {
    }

    /** Writes the model under {@code root/modeldock-test/gpt2-shaped}; returns that folder. */
    public static Path create(Path root) {
        Path folder = root.resolve(HUB_ID);
        ByteLevelBpeFiles tokenizer = ByteLevelBpeFiles.gpt2(Gpt2Vocabulary.load());
        int vocabulary = tokenizer.vocab().size();
        try {
            Files.createDirectories(folder.resolve("onnx"));
            tokenizer.writeInto(folder);
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["GPT2Model"], "model_type": "gpt2", "n_embd": %d, "n_layer": 1,
                     "n_positions": %d, "bos_token_id": 50256, "eos_token_id": 50256, "vocab_size": %d}
                    """.formatted(HIDDEN, POSITIONS, vocabulary));
            OnnxFixtures.write(OnnxFixtures.model(PaddingOffsetEncoder.graph("gpt2-shaped encoder", 2L, vocabulary,
                    POSITIONS + 2, HIDDEN)), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
