package dev.modeldock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Building graphs node by node: names, constants, outputs, domains. */
class ProtoGraphBuilderTest {

    @Test
    void everyNameHandedOutIsUniqueEvenForRepeatedHints() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        builder.addInput(TensorTypes.tensor("modeldock/Neg", DataType.FLOAT, 2));
        List<String> handedOut = new ArrayList<>();
        String previous = "modeldock/Neg";
        for (int i = 0; i < 5; i++) {
            previous = builder.node("Neg", previous);
            handedOut.add(previous);
            handedOut.add(builder.constant("w", new float[] {1f}, 1));
            handedOut.add(builder.constant("w", new long[] {1L}, 1));
        }
        handedOut.addAll(builder.node("", "Split", List.of(previous), 2, Map.of("axis", 0L)));

        GraphProto graph = builder.build();
        Set<String> everyName = new HashSet<>();
        List<String> all = new ArrayList<>();
        graph.getInputList().forEach(v -> all.add(v.getName()));
        graph.getInitializerList().forEach(t -> all.add(t.getName()));
        for (NodeProto node : graph.getNodeList()) {
            all.add(node.getName());
            all.addAll(node.getOutputList());
        }
        all.forEach(everyName::add);
        assertEquals(all.size(), everyName.size(), "duplicate names in " + all);
        assertEquals(handedOut.size(), new HashSet<>(handedOut).size());
        assertFalse(handedOut.contains("modeldock/Neg"), "a declared input's name was handed out again");
    }

    @Test
    void constantsAreLittleEndianInitializersOfTheGivenShapeAndType() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        String floats = builder.constant("scale", new float[] {1.5f, -2f, 0.25f, 8f}, 2, 2);
        String longs = builder.constant("axes", new long[] {-1L, 3L}, 2);

        Map<String, TensorProto> byName = new HashMap<>();
        builder.build().getInitializerList().forEach(t -> byName.put(t.getName(), t));
        TensorProto f = byName.get(floats);
        assertEquals(DataType.FLOAT.getNumber(), f.getDataType());
        assertEquals(List.of(2L, 2L), f.getDimsList());
        ByteBuffer fb = ByteBuffer.wrap(f.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16, fb.remaining());
        assertEquals(1.5f, fb.getFloat());
        assertEquals(-2f, fb.getFloat());
        assertEquals(0.25f, fb.getFloat());
        assertEquals(8f, fb.getFloat());

        TensorProto l = byName.get(longs);
        assertEquals(DataType.INT64.getNumber(), l.getDataType());
        assertEquals(List.of(2L), l.getDimsList());
        ByteBuffer lb = ByteBuffer.wrap(l.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-1L, lb.getLong());
        assertEquals(3L, lb.getLong());
    }

    @Test
    void publishCreatesAnOutputOfTheGivenNameFedByTheTensor() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        builder.addInput(TensorTypes.tensor("x", DataType.FLOAT, "batch", 4));
        String negated = builder.node("Neg", "x");
        builder.publish(negated, TensorTypes.tensor("embedding", DataType.FLOAT, "batch", 4));

        GraphProto graph = builder.build();
        assertEquals(List.of("embedding"), graph.getOutputList().stream().map(v -> v.getName()).toList());
        assertEquals(4, graph.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        NodeProto producer = graph.getNodeList().stream().filter(n -> n.getOutputList().contains("embedding"))
                .findFirst().orElseThrow();
        assertEquals("Identity", producer.getOpType());
        assertEquals(List.of(negated), producer.getInputList());
    }

    @Test
    void publishingTwoOutputsUnderOneNameIsRefused() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        builder.addInput(TensorTypes.tensor("x", DataType.FLOAT, 1));
        builder.publish("x", TensorTypes.tensor("out", DataType.FLOAT, 1));
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> builder.publish("x", TensorTypes.tensor("out", DataType.FLOAT, 1)));
        assertTrue(e.getMessage().contains("'out'"), e.getMessage());
    }

    @Test
    void aCustomDomainOtherThanOnnxruntimeExtensionsIsRefused() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> builder.node("com.microsoft", "FusedMatMul", List.of("a", "b"), 1, Map.of()));
        assertTrue(e.getMessage().contains("com.microsoft"), e.getMessage());
        assertTrue(e.getMessage().contains("FusedMatMul"), e.getMessage());
        assertEquals(0, builder.build().getNodeCount(), "the refused node was added anyway");
        assertTrue(builder.customDomains().isEmpty());
    }

    @Test
    void onnxruntimeExtensionsOperatorsOtherThanTokenizersAreRefusedNamingTheAllowedOnes() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        ModelDockException e = assertThrows(ModelDockException.class, () -> builder.node(GraphBuilder.CONTRIB_DOMAIN,
                "StringRegexReplace", List.of("text", "pattern", "rewrite"), 1, Map.of()));
        assertTrue(e.getMessage().contains("StringRegexReplace"), e.getMessage());
        assertTrue(e.getMessage().contains("SentencepieceTokenizer"), e.getMessage());
        assertEquals(0, builder.build().getNodeCount(), "the refused node was added anyway");
    }

    @Test
    void onnxruntimeExtensionsDomainIsAcceptedAndRecorded() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        builder.node("", "Neg", List.of("x"), 1, Map.of());
        assertTrue(builder.customDomains().isEmpty(), "the default domain is not a custom domain");
        builder.node(GraphBuilder.CONTRIB_DOMAIN, "BertTokenizer", List.of("text"), 3, Map.of());
        assertEquals(Set.of("ai.onnx.contrib"), builder.customDomains());
        NodeProto tokenizer = builder.build().getNode(1);
        assertEquals("ai.onnx.contrib", tokenizer.getDomain());
        assertEquals(3, tokenizer.getOutputCount());
    }

    @Test
    void attributeValuesMapToTheDocumentedOnnxTypes() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("g", 17);
        builder.node("", "Op", List.of(), 1, new LinkedHashMap<>(Map.of(
                "i", 3, "l", 4L, "flag", true, "f", 0.5f, "d", 0.25d, "s", "text",
                "ints", new long[] {1, 2}, "floats", new float[] {1f, 2f}, "strings", List.of("a", "b"))));
        Map<String, AttributeProto> byName = new HashMap<>();
        builder.build().getNode(0).getAttributeList().forEach(a -> byName.put(a.getName(), a));

        assertEquals(AttributeProto.AttributeType.INT, byName.get("i").getType());
        assertEquals(3, byName.get("i").getI());
        assertEquals(4, byName.get("l").getI());
        assertEquals(AttributeProto.AttributeType.INT, byName.get("flag").getType());
        assertEquals(1, byName.get("flag").getI());
        assertEquals(AttributeProto.AttributeType.FLOAT, byName.get("d").getType());
        assertEquals(0.25f, byName.get("d").getF());
        assertEquals(0.5f, byName.get("f").getF());
        assertEquals("text", byName.get("s").getS().toStringUtf8());
        assertEquals(List.of(1L, 2L), byName.get("ints").getIntsList());
        assertEquals(List.of(1f, 2f), byName.get("floats").getFloatsList());
        assertEquals(AttributeProto.AttributeType.STRINGS, byName.get("strings").getType());
        assertEquals("b", byName.get("strings").getStrings(1).toStringUtf8());
    }

    @Test
    void attributesAreWrittenInNameOrderWhateverOrderTheMapGivesThem() {
        Map<String, Object> backwards = new LinkedHashMap<>();
        backwards.put("zeta", 1L);
        backwards.put("max_length", 2L);
        backwards.put("do_lower_case", true);
        backwards.put("alpha", "a");
        Map<String, Object> forwards = new LinkedHashMap<>();
        List.of("alpha", "do_lower_case", "max_length", "zeta").forEach(name -> forwards.put(name, backwards.get(name)));

        ProtoGraphBuilder first = new ProtoGraphBuilder("g", 17);
        first.node("", "Op", List.of(), 1, backwards);
        ProtoGraphBuilder second = new ProtoGraphBuilder("g", 17);
        second.node("", "Op", List.of(), 1, forwards);

        assertEquals(List.of("alpha", "do_lower_case", "max_length", "zeta"), first.build().getNode(0)
                .getAttributeList().stream().map(AttributeProto::getName).toList());
        assertEquals(first.build().toByteString(), second.build().toByteString());
    }

    @Test
    void theOpsetIsTheOneTheBuilderWasCreatedFor() {
        assertEquals(18, new ProtoGraphBuilder("g", 18).opset());
    }
}
