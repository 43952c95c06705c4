package dev.modeldock.compat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.extensions.OrtxPackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an exported pipeline the way Oracle 23ai's embedded runtime would, in a child JVM whose
 * class path holds only this class, ONNX Runtime 1.15.1 and onnxruntime-extensions 0.13.0. Prints
 * the runtime's version, then one line per text (per pair, for a pipeline with two inputs such as a
 * reranker's first_input and second_input): the output's floats as raw bits in hex, so the parent
 * compares them exactly. Uses nothing of ModelDock: the point is what the old runtime does.
 */
public final class OracleRuntimeProbe {
    private OracleRuntimeProbe() {
    }

    /** {@code OracleRuntimeProbe MODEL.onnx TEXT...}; for a two-input pipeline the texts go in pairs. */
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.out.println("version " + env.getVersion());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.registerCustomOpLibrary(OrtxPackage.getLibraryPath());
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(args[0], options)) {
                List<String> inputs = new ArrayList<>(session.getInputInfo().keySet());
                String output = session.getOutputNames().iterator().next();
                for (int i = 1; i + inputs.size() - 1 < args.length; i += inputs.size()) {
                    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
                    for (int k = 0; k < inputs.size(); k++) {
                        feeds.put(inputs.get(k), OnnxTensor.createTensor(env, new String[] {args[i + k]},
                                new long[] {1}));
                    }
                    try (OrtSession.Result result = session.run(feeds)) {
                        float[] values = ((float[][]) result.get(output).orElseThrow().getValue())[0];
                        StringBuilder line = new StringBuilder();
                        for (float value : values) {
                            line.append(line.length() == 0 ? "" : " ").append(Integer.toHexString(
                                    Float.floatToRawIntBits(value)));
                        }
                        System.out.println(line);
                    } finally {
                        feeds.values().forEach(OnnxTensor::close);
                    }
                }
            }
        }
    }
}
