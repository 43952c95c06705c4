package dev.modeldock.graph;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.host.ToolVersion;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.TokenIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds the pipeline graph from a plan. An embedding: string {@code input} [1] → tokenizer → encoder →
 * post-processors → float32 {@code embedding} [batch, width]. A reranker (function regression): strings
 * {@code first_input} and {@code second_input} [1] → the tokenizer's pair nodes → encoder → its float32
 * {@code logits} [batch, 1] as they are. A classifier (function classification): string {@code input} [1]
 * → tokenizer → encoder → its {@code logits} [batch, labels] through softmax unless turned off.
 */
public final class PipelineAssembler {
    /** The pipeline's one input: the text, a string tensor of shape [1]. */
    public static final String INPUT = "input";
    /** The pipeline's one output: the embedding, float32 of shape [batch, width]. */
    public static final String OUTPUT = "embedding";
    /** A reranker's first text (the query), a string tensor of shape [1]. */
    public static final String FIRST_INPUT = "first_input";
    /** A reranker's second text (the passage), a string tensor of shape [1]. */
    public static final String SECOND_INPUT = "second_input";
    /** A reranker's or classifier's output: [batch, 1] scores or [batch, labels] probabilities, float32. */
    public static final String LOGITS = "logits";
    /** The token ids output of the tokenizer-only model used by validation. */
    public static final String TOKEN_IDS = "input_ids";

    /** What OML4Py writes; IR 9 only for graphs holding float8 tensors. */
    private static final int IR_VERSION = 8;
    /** What every name taken from the encoder's graph starts with in the pipeline (its weights, say). */
    public static final String ENCODER_PREFIX = "encoder/";

    private PipelineAssembler() {
    }

    /** The whole pipeline, with {@code metadata} recorded in the model's metadata_props, by key. */
    public static ModelProto assemble(PipelinePlan plan, Map<String, String> metadata) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("modeldock_" + plan.function().jsonName() + "_pipeline",
                plan.opset());
        TokenIds ids = tokenize(graph, plan);
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("input_ids", ids.inputIds());
        bindings.put("attention_mask", ids.attentionMask());
        bindings.put("token_type_ids", ids.tokenTypeIds());
        bindings.keySet().retainAll(plan.encoder().inputs());
        UnaryOperator<String> renamed = graph.merge(plan.encoder().model().getGraph(), ENCODER_PREFIX, bindings);
        Activation flowing = new Activation(renamed.apply(plan.encoderOutput()), plan.encoderWidth(),
                !plan.pooledByEncoder());
        for (PipelinePlan.Step step : plan.steps()) {
            flowing = step.processor().append(graph, flowing, ids.attentionMask(), step.parameters(),
                    plan.model().folder());
        }
        graph.publish(flowing.tensor(), TensorTypes.tensor(output(plan), DataType.FLOAT, "batch",
                plan.outputWidth()));
        graph.prune();
        return model(graph, plan, irVersion(plan.encoder().model()), metadata);
    }

    /** Only the tokenizer, string in and int64 token ids out, to compare ids with the reference tokenizer. */
    public static ModelProto tokenizerOnly(PipelinePlan plan) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("modeldock_tokenizer", plan.opset());
        TokenIds ids = tokenize(graph, plan);
        graph.publish(ids.inputIds(), TensorTypes.tensor(TOKEN_IDS, DataType.INT64, 1, "tokens"));
        graph.prune();
        return model(graph, plan, IR_VERSION, Map.of());
    }

    /** The pipeline's output name: {@value #OUTPUT}, or {@value #LOGITS} for a reranker or classifier. */
    public static String output(PipelinePlan plan) {
        return plan.function() == PipelineFunction.EMBEDDING ? OUTPUT : LOGITS;
    }

    /** The pipeline's string inputs, in order: {@value #INPUT}, or the pair's two. */
    public static List<String> inputs(PipelinePlan plan) {
        return plan.function().takesPairs() ? List.of(FIRST_INPUT, SECOND_INPUT) : List.of(INPUT);
    }

    /** Declares the string inputs and appends the tokenizer's nodes for one text or for the pair. */
    private static TokenIds tokenize(ProtoGraphBuilder graph, PipelinePlan plan) {
        List<String> inputs = inputs(plan);
        inputs.forEach(name -> graph.addInput(TensorTypes.tensor(name, DataType.STRING, 1)));
        return plan.function().takesPairs()
                ? plan.tokenizer().appendPair(graph, inputs.get(0), inputs.get(1), plan.model().folder(),
                        plan.tokenizerOptions())
                : plan.tokenizer().append(graph, inputs.get(0), plan.model().folder(), plan.tokenizerOptions());
    }

    private static ModelProto model(ProtoGraphBuilder graph, PipelinePlan plan, int irVersion,
            Map<String, String> metadata) {
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(irVersion)
                .setProducerName("ModelDock").setProducerVersion(ToolVersion.current())
                .setDocString(switch (plan.function()) {
                    case EMBEDDING -> "Text embedding pipeline for " + plan.model().folder().id()
                            + ": tokenizer, encoder and post-processors in one graph";
                    case REGRESSION -> "Text-pair scoring (reranker) pipeline for " + plan.model().folder().id()
                            + ": pair tokenizer and encoder with its head in one graph";
                    case CLASSIFICATION -> "Text classification pipeline for " + plan.model().folder().id()
                            + ": tokenizer, encoder with its head and post-processors in one graph";
                })
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(plan.opset()));
        graph.customDomains().forEach(domain ->
                model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(1)));
        new TreeMap<>(metadata).forEach((key, value) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.setGraph(graph.build()).build();
    }

    /** IR 8 unless the encoder holds float8 tensors (IR 9); newer element types are refused. */
    private static int irVersion(ModelProto encoder) {
        int newest = encoder.getGraph().getInitializerList().stream().mapToInt(TensorProto::getDataType).max().orElse(0);
        if (newest > DataType.FLOAT8E5M2FNUZ_VALUE) {
            throw new ModelDockException("the encoder stores " + DataType.forNumber(newest) + " tensors, which need"
                    + " ONNX IR 10; Oracle Database accepts at most IR 9");
        }
        return newest >= DataType.FLOAT8E4M3FN_VALUE ? 9 : IR_VERSION;
    }
}
