package dev.modeldock.testkit.fuzz;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes fuzzed uploads from a seed: case {@code i} is the same bytes every time, whatever else was
 * made before it and on whichever thread. About one in ten models is sent as it is (so some uploads
 * succeed and are stored), about half are mutated on their structure and the rest byte by byte;
 * about four in ten metadata documents are mutated, and a few file names and release parameters.
 */
public final class UploadFuzzer {
    private static final List<String> FILE_NAMES = List.of("", "a".repeat(300), "ü名前🙂.onnx", "x\u0000.onnx",
            "../../etc/model.onnx", "con.onnx", "a\\b.onnx", "model.onnx\r\nX-Injected: 1", " ");
    private static final List<String> RELEASES = List.of("23", "26", "22", "27", "0", "-1", "abc",
            "99999999999999999999", "", "23.5");

    private final long seed;
    private final List<FuzzSeeds.Seed> seeds = FuzzSeeds.all();
    private final List<byte[]> seedBytes = seeds.stream().map(s -> s.model().toByteArray()).toList();

    public UploadFuzzer(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Case {@code index} of this seed. */
    public UploadCase generate(int index) {
        FuzzRandom dice = new FuzzRandom(seed, index);
        int from = dice.below(seeds.size());
        FuzzSeeds.Seed start = seeds.get(from);
        List<String> mutations = new ArrayList<>();
        mutations.add("from the valid " + start.name());
        byte[] onnx = model(dice, from, mutations);
        byte[] metadata = start.metadata().getBytes(StandardCharsets.UTF_8);
        if (dice.chance(0.4)) {
            MetadataMutations.Result mutated = MetadataMutations.mutate(dice, start.metadata());
            metadata = mutated.bytes();
            mutations.add(mutated.description());
        }
        String fileName = dice.chance(0.95) ? "model.onnx" : dice.pick(FILE_NAMES);
        String release = dice.chance(0.9) ? null : dice.pick(RELEASES);
        return new UploadCase(seed, index, onnx, metadata, fileName, release, List.copyOf(mutations));
    }

    private byte[] model(FuzzRandom dice, int from, List<String> mutations) {
        int mode = dice.below(10);
        if (mode == 0) {
            return seedBytes.get(from);
        }
        if (mode <= 5) {
            ModelProto.Builder model = seeds.get(from).model().toBuilder();
            int count = dice.between(1, 3);
            for (int i = 0; i < count; i++) {
                mutations.add(ModelMutations.mutate(dice, model));
            }
            byte[] bytes = model.build().toByteArray();
            return dice.chance(0.15) ? bytes(dice, bytes, mutations) : bytes;
        }
        return bytes(dice, seedBytes.get(from), mutations);
    }

    private byte[] bytes(FuzzRandom dice, byte[] bytes, List<String> mutations) {
        int count = dice.between(1, 3);
        for (int i = 0; i < count; i++) {
            ByteMutations.Result mutated = ByteMutations.mutate(dice, bytes, dice.pick(seedBytes));
            bytes = mutated.bytes();
            mutations.add(mutated.description());
        }
        return bytes;
    }
}
