package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two examples of Oracle's "JSON Metadata Parameters for ONNX Models", copied as printed, against
 * an embedding model like theirs: string "input" [1] → float "embedding" [batch, 384].
 */
class OracleExamplesTest {
    /** "Specifying JSON Metadata Parameters for Embedding Models". */
    static final String SIMPLE = """
            {"function" : "embedding",\s
                  "embeddingOutput" : "embedding" ,\s
                   "input":{"input": ["DATA"]}}""";

    /** "Specifying Complete JSON Metadata Parameters for Embedding Models" (its description on one line). */
    static final String COMPLETE = """
            {
              "function"                : "embedding",
              "embeddingOutput"         : "embedding",
              "input"                   : { "input" : ["txt"]},
              "maxSequenceLength"       : 512,
              "tokenizer"               : "bert",
              "suitableDistanceMetrics" : [ "DOT", "COSINE", "EUCLIDEAN"],
              "pooling"                 : "Mean Pooling",
              "normalization"           : true,
              "languages"               : ["US"],
              "modelDescription"        : {
                  "description" : "This model was tuned for semantic search: Given a query/question, if can find \
            relevant passages. It was trained on a large and diverse set of (question, answer) pairs.",\s
                  "url" : "https://example.co/sentence-transformers/my_embedding_model"}
            }""";

    @TempDir
    static Path dir;
    static ModelSignature oracleLike;
    static ModelSignature batched;

    @BeforeAll
    static void models() {
        oracleLike = TestModels.signature(SmallModels.embedder(List.of(TensorTypes.tensor("input", DataType.STRING, 1)),
                "embedding", DataType.FLOAT, "batch", 384), dir);
        batched = TestModels.signature(SmallModels.embedder("embedding"), dir);
    }

    @Test
    void theModelIsShapedLikeOracles() {
        assertEquals("STRING[1]", oracleLike.inputs().get(0).describe());
        assertEquals("FLOAT[?, 384]", oracleLike.outputs().get(0).describe());
    }

    @Test
    void theSimpleExampleIsValidWithTheDocumentedModelName() {
        List<MetadataProblem> problems = MetadataChecker.check(oracleLike, SIMPLE,
                new CheckContext("doc_model", 90_000_000, OracleRelease.DB_23AI));
        assertTrue(problems.isEmpty(), Checks.lines(problems));
    }

    @Test
    void theCompleteExampleIsValidWithoutEvenAWarning() {
        List<MetadataProblem> problems = MetadataChecker.check(oracleLike, COMPLETE,
                new CheckContext("doc_model", 90_000_000, OracleRelease.DB_26AI));
        assertTrue(problems.isEmpty(), Checks.lines(problems));
    }

    @Test
    void bothExamplesAreValidForABatchedTextInputToo() {
        assertValid(MetadataChecker.check(batched, SIMPLE, CheckContext.none()));
        assertValid(MetadataChecker.check(batched, COMPLETE, CheckContext.none()));
    }

    @Test
    void theCompleteExampleIsReadFieldByField() {
        MetadataJson.Parsed parsed = MetadataJson.parse(COMPLETE);
        OnnxMetadata metadata = parsed.metadata();
        assertEquals("embedding", metadata.function());
        assertEquals("embedding", metadata.embeddingOutput());
        assertEquals(Map.of("input", List.of("txt")), metadata.input());
        assertEquals(512, metadata.maxSequenceLength());
        assertEquals("bert", metadata.tokenizer());
        assertEquals(List.of("DOT", "COSINE", "EUCLIDEAN"), metadata.suitableDistanceMetrics());
        assertEquals("Mean Pooling", metadata.pooling());
        assertEquals(Boolean.TRUE, metadata.normalization());
        assertEquals(List.of("US"), metadata.languages());
        assertEquals("https://example.co/sentence-transformers/my_embedding_model", metadata.modelDescription().get("url"));
        assertTrue(((String) metadata.modelDescription().get("description")).startsWith("This model was tuned"));
        assertEquals(metadata, MetadataJson.parse(MetadataJson.write(metadata)).metadata());
    }

    @Test
    void theSimpleExampleAgainstAModelWithAnotherOutputNameIsOra54413() {
        ModelSignature other = TestModels.signature(SmallModels.embedder("sentence_embedding"), dir);
        assertOnly(MetadataChecker.check(other, SIMPLE, CheckContext.none()), OracleErrors.OUTPUT_NOT_FOUND,
                "embeddingOutput", "\"embedding\"", "sentence_embedding");
    }

    @Test
    void theSimpleExampleAgainstAModelWithAnotherInputNameIsOra54408() {
        ModelSignature other = TestModels.signature(SmallModels.embedder(List.of(TensorTypes.tensor("text", DataType.STRING,
                "batch", 1)), "embedding", DataType.FLOAT, "batch", 8), dir);
        List<MetadataProblem> problems = MetadataChecker.check(other, SIMPLE, CheckContext.none());
        Checks.assertProblem(problems, OracleErrors.INPUT_NOT_MODEL_INPUT, "input.input", "text");
    }
}
