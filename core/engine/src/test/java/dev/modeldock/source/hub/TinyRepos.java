package dev.modeldock.source.hub;

import dev.modeldock.testkit.hub.HubRepo;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Small repositories for the client's failure tests: real hub layout, made-up encoder bytes. */
final class TinyRepos {
    static final String ID = "acme/tiny-encoder";
    /** Big enough to be cut halfway, small enough to be quick. */
    static final int ENCODER_SIZE = 300_000;

    private TinyRepos() {
    }

    static HubRepo tiny() {
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("config.json", utf8("{\"model_type\": \"bert\", \"hidden_size\": 8}"));
        files.put("tokenizer.json", utf8("{\"model\": {\"type\": \"WordPiece\"}}"));
        files.put("modules.json", utf8("[]"));
        files.put("README.md", utf8("# tiny"));
        files.put("pytorch_model.bin", bytes(5_000, 2));
        files.put("onnx/model_quantized.onnx", bytes(7_000, 3));
        files.put("onnx/model.onnx", bytes(ENCODER_SIZE, 1));
        return new HubRepo(ID, "0123456789abcdef0123456789abcdef01234567", Set.of("main", "v1.0"), files, Set.of());
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
