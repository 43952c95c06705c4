package dev.modeldock.service;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a version's ONNX graph is, read from the artifact's header (weights skipped): what goes in
 * and comes out, the operator sets and the domains outside the ONNX standard it needs.
 *
 * @param opsets        operator set versions by domain, the standard one as {@code ai.onnx}
 * @param customDomains domains neither standard ONNX nor ONNX-ML, from opset imports and the
 *                      graph's nodes: {@code ai.onnx.contrib} for onnxruntime-extensions' tokenizers
 * @param nodeCount     nodes of the main graph (not of subgraphs or functions)
 */
public record GraphSummary(long irVersion, String producer, Map<String, Long> opsets, List<String> customDomains,
        int nodeCount, int functionCount, List<TensorSpec> inputs, List<TensorSpec> outputs, long sizeBytes) {
    private static final Set<String> STANDARD = Set.of("", "ai.onnx", "ai.onnx.ml");

    public GraphSummary {
        opsets = Map.copyOf(opsets);
        customDomains = List.copyOf(customDomains);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    static GraphSummary of(ModelProto model, long sizeBytes) {
        Map<String, Long> opsets = new LinkedHashMap<>();
        Set<String> custom = new TreeSet<>();
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            opsets.put(opset.getDomain().isEmpty() ? "ai.onnx" : opset.getDomain(), opset.getVersion());
            if (!STANDARD.contains(opset.getDomain())) {
                custom.add(opset.getDomain());
            }
        }
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (!STANDARD.contains(node.getDomain())) {
                custom.add(node.getDomain());
            }
        }
        // Some producers repeat their name in the version ("ModelDock" "ModelDock 1.2").
        String producer = model.getProducerVersion().startsWith(model.getProducerName()) ? model.getProducerVersion()
                : (model.getProducerName() + " " + model.getProducerVersion()).strip();
        ModelSignature signature = ModelSignature.of(model);
        return new GraphSummary(model.getIrVersion(), producer, opsets, List.copyOf(custom),
                model.getGraph().getNodeCount(), model.getFunctionsCount(), signature.inputs(), signature.outputs(),
                sizeBytes);
    }

    /** The standard domain's operator set version; 0 when the model imports none. */
    public long opset() {
        return opsets.getOrDefault("ai.onnx", 0L);
    }

    /** The inputs and outputs, as the metadata checker reads them. */
    public ModelSignature signature() {
        return new ModelSignature(inputs, outputs);
    }
}
