package dev.modeldock.postprocessing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out a model folder with a sentence-transformers Dense module, as the hub has it. */
final class DenseModel {
    static final String MODULES_JSON = "[{\"idx\":0,\"name\":\"0\",\"path\":\"\","
            + "\"type\":\"sentence_transformers.models.Transformer\"},"
            + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
            + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}]";

    private DenseModel() {
    }

    /**
     * Writes modules.json, 2_Dense/config.json and 2_Dense/model.safetensors holding {@code weight}
     * [out][in] and, when not null, {@code bias} [out], as float32.
     */
    static void write(Path root, float[][] weight, float[] bias) throws IOException {
        int out = weight.length;
        int in = weight[0].length;
        float[] flat = new float[out * in];
        for (int o = 0; o < out; o++) {
            System.arraycopy(weight[o], 0, flat, o * in, in);
        }
        SafeTensorsWriter tensors = new SafeTensorsWriter().f32("linear.weight", flat, out, in);
        if (bias != null) {
            tensors.f32("linear.bias", bias, out);
        }
        writeLayout(root, in, out);
        tensors.write(root.resolve("2_Dense/model.safetensors"));
    }

    /** Writes modules.json and 2_Dense/config.json only. */
    static void writeLayout(Path root, int in, int out) throws IOException {
        Files.createDirectories(root.resolve("2_Dense"));
        Files.writeString(root.resolve("modules.json"), MODULES_JSON);
        Files.writeString(root.resolve("2_Dense/config.json"), "{\"in_features\":" + in + ",\"out_features\":" + out
                + ",\"bias\":true,\"activation_function\":\"torch.nn.modules.activation.Tanh\"}");
    }
}
