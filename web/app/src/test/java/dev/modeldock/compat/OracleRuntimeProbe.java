package dev.modeldock.compat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.extensions.OrtxPackage;
import java.util.Map;

/**
 * Runs an exported pipeline the way Oracle 23ai's embedded runtime would, in a child JVM whose
 * class path holds only this class, ONNX Runtime 1.15.1 and onnxruntime-extensions 0.13.0. Prints
 * the runtime's version, then one line per text: the embedding's floats as raw bits in hex, so the
 * parent compares them exactly. Uses nothing of ModelDock: the point is what the old runtime does.
 */
public final class OracleRuntimeProbe {
    private OracleRuntimeProbe() {
    }

    /** {@code OracleRuntimeProbe MODEL.onnx TEXT...} */
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.out.println("version " + env.getVersion());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.registerCustomOpLibrary(OrtxPackage.getLibraryPath());
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(args[0], options)) {
                for (int i = 1; i < args.length; i++) {
                    try (OnnxTensor input = OnnxTensor.createTensor(env, new String[] {args[i]}, new long[] {1});
                            OrtSession.Result result = session.run(Map.of("input", input))) {
                        float[] embedding = ((float[][]) result.get("embedding").orElseThrow().getValue())[0];
                        StringBuilder line = new StringBuilder();
                        for (float value : embedding) {
                            line.append(line.length() == 0 ? "" : " ").append(Integer.toHexString(
                                    Float.floatToRawIntBits(value)));
                        }
                        System.out.println(line);
                    }
                }
            }
        }
    }
}
