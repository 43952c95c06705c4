package dev.modeldock.testkit;

import dev.modeldock.testkit.bpe.ClipBpeFiles;
import dev.modeldock.testkit.onnx.ClipTextEncoder;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder shaped like a CLIP model's text side as the hub has it (Xenova/clip-vit-base-patch32's
 * layout), small enough for a test: the whole model's {@code config.json} ({@code CLIPModel}, the text
 * tower's settings under {@code text_config}: 77 positions), CLIP's tokenizer files
 * ({@link ClipBpeFiles#small}), and the text tower with its projection at {@code onnx/text_model.onnx}
 * ({@link ClipTextEncoder}: {@code text_embeds} of width {@value #PROJECTION}, hidden width
 * {@value #HIDDEN}). No sentence-transformers files: CLIP has no Pooling module, its pooling (the
 * end-of-text token's hidden state) happens inside the encoder.
 */
public final class ClipHubFolder {
    public static final String HUB_ID = "modeldock-test/clip-text-shaped";
    public static final String ENCODER = "onnx/text_model.onnx";
    public static final int HIDDEN = 32;
    public static final int PROJECTION = 24;
    public static final int POSITIONS = 77;

    private ClipHubFolder() {
    }

    /** Writes the model under {@code root/modeldock-test/clip-text-shaped}; returns that folder. */
    public static Path create(Path root) {
        return create(root, HUB_ID);
    }

    /** Writes the model under {@code root/hubId}, to stand in for a real model of that id; returns that folder. */
    public static Path create(Path root, String hubId) {
        Path folder = root.resolve(hubId);
        ClipBpeFiles tokenizer = ClipBpeFiles.small();
        int vocabulary = tokenizer.vocab().size();
        try {
            Files.createDirectories(folder.resolve("onnx"));
            tokenizer.writeInto(folder);
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": %d,
                     "text_config": {"model_type": "clip_text_model", "hidden_size": %d, "num_hidden_layers": 1,
                       "max_position_embeddings": %d, "vocab_size": %d, "bos_token_id": %d, "eos_token_id": 2,
                       "pad_token_id": 1, "projection_dim": %d},
                     "vision_config": {"model_type": "clip_vision_model", "hidden_size": 48, "image_size": 224,
                       "patch_size": 32, "projection_dim": %d}}
                    """.formatted(PROJECTION, HIDDEN, POSITIONS, vocabulary,
                    tokenizer.vocab().get(ClipBpeFiles.START), PROJECTION, PROJECTION));
            OnnxFixtures.write(OnnxFixtures.model(ClipTextEncoder.graph("clip-text-shaped encoder", 77L, vocabulary,
                    POSITIONS, HIDDEN, PROJECTION)), folder.resolve(ENCODER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Replaces the folder's text tower with one exported without its projection (no {@code text_embeds}). */
    public static void withoutProjection(Path folder) {
        try {
            OnnxFixtures.write(OnnxFixtures.model(ClipTextEncoder.withoutTextEmbeds("clip-text without projection",
                    77L, ClipBpeFiles.small().vocab().size(), POSITIONS, HIDDEN)), folder.resolve(ENCODER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
