package dev.modeldock.conversion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A sentence-transformers Dense module with seeded random weights, written as the hub lays it out. */
record DenseModule(int in, int out, float[] weight, float[] bias) {

    static DenseModule random(int in, int out, long seed) {
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

    /** tanh(W x + b), W stored [out, in] as PyTorch does. */
    float[] apply(float[] x) {
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            double sum = bias[o];
            for (int i = 0; i < in; i++) {
                sum += (double) weight[o * in + i] * x[i];
            }
            y[o] = (float) Math.tanh(sum);
        }
        return y;
    }

    /** Writes 2_Dense/{config.json, model.safetensors} and a modules.json naming it. */
    void writeInto(Path hubFolder) throws IOException {
        Path folder = Files.createDirectories(hubFolder.resolve("2_Dense"));
        Files.writeString(folder.resolve("config.json"), "{\"in_features\": " + in + ", \"out_features\": " + out
                + ", \"bias\": true, \"activation_function\": \"torch.nn.modules.activation.Tanh\"}");
        Files.writeString(hubFolder.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]
                """);
        long weightBytes = (long) weight.length * 4;
        String header = "{\"linear.weight\":{\"dtype\":\"F32\",\"shape\":[" + out + "," + in + "],\"data_offsets\":[0,"
                + weightBytes + "]},\"linear.bias\":{\"dtype\":\"F32\",\"shape\":[" + out + "],\"data_offsets\":["
                + weightBytes + "," + (weightBytes + out * 4L) + "]}}";
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + headerBytes.length + (weight.length + bias.length) * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(headerBytes.length).put(headerBytes);
        for (float value : weight) {
            file.putFloat(value);
        }
        for (float value : bias) {
            file.putFloat(value);
        }
        Files.write(folder.resolve("model.safetensors"), file.array());
    }
}
