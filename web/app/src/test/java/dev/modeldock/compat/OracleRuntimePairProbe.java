package dev.modeldock.compat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.extensions.OrtxPackage;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs a tokenizer's text-pair graph ("first", "second" STRING [1] → "ids", "mask", "types" INT64
 * [1, tokens]) on Oracle 23ai's embedded runtime in a child JVM, as {@link OracleRuntimeProbe} runs a
 * pipeline. Prints the runtime's version, then one line per pair: ids, mask and types. Uses nothing of
 * ModelDock.
 */
public final class OracleRuntimePairProbe {
    private OracleRuntimePairProbe() {
    }

    /** {@code OracleRuntimePairProbe GRAPH.onnx FIRST SECOND [FIRST SECOND]...} */
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.out.println("version " + env.getVersion());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.registerCustomOpLibrary(OrtxPackage.getLibraryPath());
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(args[0], options)) {
                for (int i = 1; i + 1 < args.length; i += 2) {
                    try (OnnxTensor first = OnnxTensor.createTensor(env, new String[] {args[i]}, new long[] {1});
                            OnnxTensor second = OnnxTensor.createTensor(env, new String[] {args[i + 1]},
                                    new long[] {1});
                            OrtSession.Result result = session.run(Map.of("first", first, "second", second))) {
                        System.out.println(line(row(result, "ids"), row(result, "mask"), row(result, "types")));
                    }
                }
            }
        }
    }

    /** The line the parent compares: the same for the probe and for the current runtime's result. */
    static String line(long[] ids, long[] mask, long[] types) {
        return "ids " + Arrays.toString(ids) + " mask " + Arrays.toString(mask) + " types " + Arrays.toString(types);
    }

    private static long[] row(OrtSession.Result result, String name) throws Exception {
        return ((long[][]) result.get(name).orElseThrow().getValue())[0];
    }
}
