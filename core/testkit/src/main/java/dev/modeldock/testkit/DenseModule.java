package dev.modeldock.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A sentence-transformers Dense module (a linear layer, then Tanh) laid out as the hub has it:
 * {@code 2_Dense/config.json}, {@code 2_Dense/model.safetensors} holding {@code linear.weight}
 * [out, in] and {@code linear.bias} [out], and a {@code modules.json} naming it third, after the
 * Transformer and the Pooling.
 *
 * @param weight the weights as PyTorch stores them, [out, in] row-major
 * @param bias   [out], or null for a layer without bias
 */
public record DenseModule(int in, int out, float[] weight, float[] bias) {
    /** A modules.json whose third module is the Dense in {@code 2_Dense}. */
    public static final String MODULES_JSON = "[{\"idx\":0,\"name\":\"0\",\"path\":\"\","
            + "\"type\":\"sentence_transformers.models.Transformer\"},"
            + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
            + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}]";

    /** A module of the given weights, {@code weight} [out][in]. */
    public static DenseModule of(float[][] weight, float[] bias) {
        int out = weight.length;
        int in = weight[0].length;
        float[] flat = new float[out * in];
        for (int o = 0; o < out; o++) {
            System.arraycopy(weight[o], 0, flat, o * in, in);
        }
        return new DenseModule(in, out, flat, bias);
    }

    /** A module with seeded random weights of a trained layer's size (about 0.1) and biases (about 0.05). */
    public static DenseModule random(int in, int out, long seed) {
        Random random = new Random(seed);
        float[] weight = new float[in * out];
        float[] bias = new float[out];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (random.nextGaussian() * 0.1);
        }
        for (int i = 0; i < out; i++) {
            bias[i] = (float) (random.nextGaussian() * 0.05);
        }
        return new DenseModule(in, out, weight, bias);
    }

    /** tanh(W x + b), in double precision. */
    public float[] apply(float[] x) {
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            double sum = bias == null ? 0 : bias[o];
            for (int i = 0; i < in; i++) {
                sum += (double) weight[o * in + i] * x[i];
            }
            y[o] = (float) Math.tanh(sum);
        }
        return y;
    }

    /** Writes modules.json and 2_Dense (config.json, model.safetensors) into {@code hubFolder}. */
    public void writeInto(Path hubFolder) throws IOException {
        writeLayout(hubFolder, in, out, bias != null);
        SafeTensorsWriter tensors = new SafeTensorsWriter().f32("linear.weight", weight, out, in);
        if (bias != null) {
            tensors.f32("linear.bias", bias, out);
        }
        tensors.write(hubFolder.resolve("2_Dense/model.safetensors"));
    }

    /** Writes modules.json and 2_Dense/config.json only, for a module whose weights a test writes itself. */
    public static void writeLayout(Path hubFolder, int in, int out, boolean bias) throws IOException {
        Files.createDirectories(hubFolder.resolve("2_Dense"));
        Files.writeString(hubFolder.resolve("modules.json"), MODULES_JSON);
        Files.writeString(hubFolder.resolve("2_Dense/config.json"), "{\"in_features\":" + in + ",\"out_features\":"
                + out + ",\"bias\":" + bias + ",\"activation_function\":\"torch.nn.modules.activation.Tanh\"}");
    }
}
