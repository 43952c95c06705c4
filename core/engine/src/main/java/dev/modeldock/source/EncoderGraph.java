package dev.modeldock.source;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.modeldock.plugin.ModelDockException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the pipeline needs to know about an exported transformer: its inputs, its outputs (which one
 * holds the token embeddings, whether one is already pooled, whether a sequence-classification head
 * gives {@code logits}), its opset and the operators it uses.
 */
public record EncoderGraph(ModelProto model, List<String> inputs, List<ValueInfoProto> outputs, int opset,
        Set<String> operators) {

    /** Names Hugging Face exporters give the last hidden state. */
    private static final List<String> TOKEN_OUTPUT_NAMES = List.of("last_hidden_state", "token_embeddings");
    /** What Hugging Face's exporters name a sequence-classification head's output. */
    public static final String LOGITS = "logits";
    /**
     * What the ONNX export of CLIP's {@code CLIPTextModelWithProjection} names its text embedding: one
     * vector per text, pooled inside the encoder (the end-of-text token's hidden state through the text
     * projection).
     */
    public static final String TEXT_EMBEDS = "text_embeds";

    /** Reads the encoder's signature, refusing operators a pipeline may not contain. */
    public static EncoderGraph of(ModelProto model) {
        GraphProto graph = model.getGraph();
        int opset = -1;
        for (OperatorSetIdProto import_ : model.getOpsetImportList()) {
            if (import_.getDomain().isEmpty() || import_.getDomain().equals("ai.onnx")) {
                opset = (int) import_.getVersion();
            }
        }
        if (opset < 0) {
            throw new ModelDockException("the encoder declares no ONNX opset");
        }
        Set<String> operators = new TreeSet<>();
        Set<String> foreign = new TreeSet<>();
        collectOperators(graph, operators, foreign);
        if (!foreign.isEmpty()) {
            throw new ModelDockException("the encoder uses operators outside the standard ONNX domain " + foreign
                    + ", which Oracle Database cannot run; export it without runtime-specific optimisations");
        }
        Set<String> initializers = new TreeSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<String> inputs = graph.getInputList().stream().map(ValueInfoProto::getName)
                .filter(name -> !initializers.contains(name)).toList();
        return new EncoderGraph(model, inputs, List.copyOf(graph.getOutputList()), opset, operators);
    }

    /**
     * This encoder without its weights (its main graph's initializers): all that is left to know of it
     * once the pipeline holds them, so that they need not stay in memory through the validation.
     */
    public EncoderGraph withoutWeights() {
        return new EncoderGraph(model.toBuilder().setGraph(model.getGraph().toBuilder().clearInitializer()).build(),
                inputs, outputs, opset, operators);
    }

    /** The name of the output holding the token embeddings (an embedding pipeline's starting point). */
    public String tokenEmbeddings() {
        return tokenOutput().getName();
    }

    /** The fixed width of the token embeddings, or -1 when it is symbolic. */
    public int declaredWidth() {
        return lastDimension(tokenOutput());
    }

    /** The output names, in the graph's order: what a refusal names as found. */
    public List<String> outputNames() {
        return outputs.stream().map(ValueInfoProto::getName).toList();
    }

    /**
     * The output that is already one embedding per text, [batch, width], when the encoder has one
     * ({@value #TEXT_EMBEDS}): an embedding pipeline starts there instead of at the token embeddings.
     */
    public Optional<ValueInfoProto> pooledOutput() {
        return outputs.stream().filter(o -> o.getName().equals(TEXT_EMBEDS))
                .filter(o -> o.getType().getTensorType().getShape().getDimCount() == 2).findFirst();
    }

    /** The output an embedding pipeline starts from: the pooled output if there is one, else the token embeddings. */
    public String embeddingOutput() {
        return pooledOutput().map(ValueInfoProto::getName).orElseGet(this::tokenEmbeddings);
    }

    /** The sequence-classification head's {@code logits} output, when the encoder has one. */
    public Optional<ValueInfoProto> logits() {
        return outputs.stream().filter(o -> o.getName().equals(LOGITS)).findFirst();
    }

    /** The named last hidden state, else the only rank-3 output. */
    private ValueInfoProto tokenOutput() {
        for (String name : TOKEN_OUTPUT_NAMES) {
            for (ValueInfoProto output : outputs) {
                if (output.getName().equals(name)) {
                    return output;
                }
            }
        }
        List<ValueInfoProto> rank3 = outputs.stream()
                .filter(o -> o.getType().getTensorType().getShape().getDimCount() == 3).toList();
        if (rank3.size() == 1 || (!rank3.isEmpty() && rank3.size() == outputs.size())) {
            return rank3.get(0);
        }
        throw new ModelDockException("cannot tell which encoder output holds the token embeddings; outputs: "
                + outputNames() + " (expected last_hidden_state, or a single [batch, tokens, hidden] output)");
    }

    /** The fixed size of the last dimension, or -1 when it is symbolic. */
    public static int lastDimension(ValueInfoProto output) {
        TensorShapeProto shape = output.getType().getTensorType().getShape();
        if (shape.getDimCount() == 0) {
            return -1;
        }
        TensorShapeProto.Dimension last = shape.getDim(shape.getDimCount() - 1);
        return last.hasDimValue() ? (int) last.getDimValue() : -1;
    }

    private static void collectOperators(GraphProto graph, Set<String> standard, Set<String> foreign) {
        for (NodeProto node : graph.getNodeList()) {
            if (node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx")) {
                standard.add(node.getOpType());
            } else {
                foreign.add(node.getDomain() + ":" + node.getOpType());
            }
            node.getAttributeList().forEach(a -> {
                if (a.hasG()) {
                    collectOperators(a.getG(), standard, foreign);
                }
                a.getGraphsList().forEach(g -> collectOperators(g, standard, foreign));
            });
        }
    }
}
