package dev.modeldock.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UploadFuzzerTest {
    private static final int CASES = 1500;

    @Test
    void aCaseDependsOnTheSeedAndItsIndexOnly() {
        UploadFuzzer forwards = new UploadFuzzer(42);
        UploadFuzzer backwards = new UploadFuzzer(42);
        List<UploadCase> first = IntStream.range(0, 200).mapToObj(forwards::generate).toList();
        for (int i = 199; i >= 0; i--) {
            UploadCase again = backwards.generate(i);
            assertArrayEquals(first.get(i).onnx(), again.onnx(), again.describe());
            assertArrayEquals(first.get(i).metadata(), again.metadata(), again.describe());
            assertEquals(first.get(i).describe(), again.describe());
        }
    }

    @Test
    void anotherSeedMakesOtherCases() {
        long same = IntStream.range(0, 200).filter(i -> Arrays.equals(new UploadFuzzer(1).generate(i).onnx(),
                new UploadFuzzer(2).generate(i).onnx())).count();
        assertTrue(same < 60, same + " of 200 models alike across seeds (the unmutated ones may be)");
    }

    @Test
    void theCasesUseEveryKindOfMutation() {
        UploadFuzzer fuzzer = new UploadFuzzer(7);
        String all = String.join("\n", IntStream.range(0, CASES).mapToObj(i -> fuzzer.generate(i).describe()).toList());
        for (String kind : List.of("flip", "truncate", "insert", "delete", "overwrite", "repeat", "splice",
                "initializer", "dim", "elem_type", "data_type", "op_type", "domain", "attribute", "opset", "renamed",
                "duplicated", "function", "calls", "control-flow", "sparse", "metadata key", "metadata text",
                "metadata array", "invalid UTF-8", "targetRelease '", "file name ''")) {
            assertTrue(all.contains(kind), "no case does '" + kind + "' in " + CASES + " cases");
        }
    }

    @Test
    void someCasesAreTheValidUploadsAsTheyAre() {
        UploadFuzzer fuzzer = new UploadFuzzer(7);
        byte[] regressor = SmallModels.featureRegressor().toByteArray();
        long valid = IntStream.range(0, CASES).mapToObj(fuzzer::generate)
                .filter(c -> Arrays.equals(c.onnx(), regressor) && c.mutations().size() == 1).count();
        assertTrue(valid > CASES / 100, valid + " unmutated regressors in " + CASES + " cases");
    }

    @Test
    void structureMutationsStillParseSoTheyReachTheChecksBehindTheParser() throws InvalidProtocolBufferException {
        UploadFuzzer fuzzer = new UploadFuzzer(11);
        int structural = 0;
        for (int i = 0; i < CASES; i++) {
            UploadCase fuzzed = fuzzer.generate(i);
            boolean bytewise = fuzzed.mutations().stream().anyMatch(m -> m.matches("^(flip|truncate|insert|delete"
                    + "|overwrite|repeat|splice) .*"));
            if (!bytewise && fuzzed.mutations().size() > 1) {
                ModelProto.parseFrom(fuzzed.onnx());
                structural++;
            }
        }
        assertTrue(structural > CASES / 4, structural + " structure-mutated cases");
    }

    @Test
    void metadataMutationsChangeTheDocument() {
        UploadFuzzer fuzzer = new UploadFuzzer(3);
        long changed = IntStream.range(0, CASES).mapToObj(fuzzer::generate)
                .filter(c -> c.mutations().stream().anyMatch(m -> m.startsWith("metadata")))
                .filter(c -> !new String(c.metadata(), StandardCharsets.UTF_8).equals(SmallModels.FEATURE_REGRESSOR_METADATA)
                        && !new String(c.metadata(), StandardCharsets.UTF_8).equals(SmallModels.IRIS_CLASSIFIER_METADATA))
                .count();
        assertNotEquals(0, changed);
        assertTrue(changed > CASES / 5, changed + " metadata documents changed");
    }
}
