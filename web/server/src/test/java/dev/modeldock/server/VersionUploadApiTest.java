package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ONNX models built elsewhere, uploaded with their metadata: checked, stored, numbered. */
class VersionUploadApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @Test
    void uploadedModelBecomesVersionOneWithItsMetadataAndChecks() throws Exception {
        server.admin().createModel("up-regressor");
        byte[] onnx = ServerFixture.regressor();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", onnx);
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        ApiResponse created = server.admin().postMultipart("/api/v1/models/up-regressor/versions", parts)
                .expect(201);
        assertEquals("/api/v1/models/up-regressor/versions/1", created.header("Location"));
        JsonNode version = created.json();
        String sha = sha256(onnx);
        assertEquals(1, version.path("number").asInt());
        assertEquals(sha, version.path("artifact").path("sha256").asText());
        assertEquals(onnx.length, version.path("artifact").path("sizeBytes").asLong());
        assertEquals("regression", version.path("metadata").path("function").asText());
        JsonNode lineage = version.path("lineage");
        assertEquals("uploaded", lineage.path("kind").asText());
        assertEquals("file.onnx", lineage.path("source").asText());
        assertEquals(sha, lineage.path("sourceFiles").path("file.onnx").asText(), version.toString());
        assertEquals(1, lineage.path("sourceFiles").size(), lineage.toString());
        assertTrue(lineage.path("configuration").isNull() && lineage.path("parity").isNull(), lineage.toString());
        assertEquals(0, lineage.path("plugins").size(), lineage.toString());
        assertTrue(lineage.path("tool").asText().startsWith("ModelDock "), lineage.toString());
        assertEquals("admin", version.path("createdBy").asText());
        assertEquals(0, version.path("validation").path("metadata").path("errors").size());
        assertEquals(version, server.anonymous().get("/api/v1/models/up-regressor/versions/1").expect(200).json());
        assertEquals(1, server.anonymous().get("/api/v1/models/up-regressor").expect(200).json()
                .path("latestVersion").asInt());
    }

    @Test
    void metadataMayComeAsAFilePart() {
        server.admin().createModel("up-metadata-file");
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", ServerFixture.classifier());
        parts.put("metadata", ServerFixture.CLASSIFIER_METADATA.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode version = server.admin().postMultipart("/api/v1/models/up-metadata-file/versions", parts)
                .expect(201).json();
        assertEquals("classification", version.path("metadata").path("function").asText());
    }

    @Test
    void aMetadataFilePartOverFourMegabytesIs413NotTruncated() {
        server.admin().createModel("up-metadata-big");
        JsonNode before = server.storedState();
        byte[] big = new byte[(4 << 20) + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", ServerFixture.regressor());
        parts.put("metadata", big);
        server.admin().postMultipart("/api/v1/models/up-metadata-big/versions", parts).expectError(413, "metadata");
        ServerFixture.assertUnchanged(before, server.storedState(), "an oversized metadata part");
    }

    @Test
    void versionsAreNumberedOneTwoThreeAndListedOldestFirst() {
        server.admin().createModel("up-numbers");
        server.admin().upload("up-numbers", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().upload("up-numbers", ServerFixture.classifier(), ServerFixture.CLASSIFIER_METADATA);
        // The same bytes again are a new version, sharing the stored artifact.
        JsonNode third = server.admin().upload("up-numbers", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        assertEquals(3, third.path("number").asInt());
        JsonNode versions = server.anonymous().get("/api/v1/models/up-numbers/versions").expect(200).json();
        assertEquals(List.of(1, 2, 3), numbers(versions));
        assertEquals(versions.path("items").path(0).path("artifact").path("sha256"),
                versions.path("items").path(2).path("artifact").path("sha256"));
        assertEquals(3, server.anonymous().get("/api/v1/models/up-numbers").expect(200).json()
                .path("latestVersion").asInt());
    }

    @Test
    void anUploadOfBytesAnEarlierVersionHoldsIsANewVersionThatSaysWhichItRepeats() {
        server.admin().createModel("up-identical");
        server.admin().createModel("up-identical-other");
        server.admin().upload("up-identical-other", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);

        JsonNode first = server.admin().upload("up-identical", ServerFixture.regressor(),
                ServerFixture.REGRESSOR_METADATA);
        assertFalse(first.has("identicalTo"), "another model's version does not count: " + first);
        JsonNode other = server.admin().upload("up-identical", ServerFixture.classifier(),
                ServerFixture.CLASSIFIER_METADATA);
        assertFalse(other.has("identicalTo"), other.toString());
        JsonNode again = server.admin().upload("up-identical", ServerFixture.regressor(),
                ServerFixture.REGRESSOR_METADATA);
        assertEquals(3, again.path("number").asInt(), "still a version of its own: " + again);
        assertEquals(1, again.path("identicalTo").asInt(), again.toString());
        JsonNode thrice = server.admin().upload("up-identical", ServerFixture.regressor(),
                ServerFixture.REGRESSOR_METADATA);
        assertEquals(4, thrice.path("number").asInt());
        assertEquals(1, thrice.path("identicalTo").asInt(), "the earliest it repeats: " + thrice);
        assertEquals(2, server.admin().upload("up-identical", ServerFixture.classifier(),
                ServerFixture.CLASSIFIER_METADATA).path("identicalTo").asInt());

        // Otherwise the answer is the version as it is read back.
        com.fasterxml.jackson.databind.node.ObjectNode stored = again.deepCopy();
        stored.remove("identicalTo");
        assertEquals(server.anonymous().get("/api/v1/models/up-identical/versions/3").expect(200).json(), stored);
    }

    @Test
    void versionsArePagedLikeModels() {
        server.admin().createModel("up-pages");
        for (int i = 0; i < 3; i++) {
            server.admin().upload("up-pages", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        }
        JsonNode first = server.anonymous().get("/api/v1/models/up-pages/versions?limit=2").expect(200).json();
        assertEquals(List.of(1, 2), numbers(first));
        assertEquals(3, first.path("total").asInt(), first.toString());
        assertEquals(0, first.path("offset").asInt());
        assertEquals(2, first.path("limit").asInt());
        JsonNode rest = server.anonymous().get("/api/v1/models/up-pages/versions?offset=2&limit=2").expect(200).json();
        assertEquals(List.of(3), numbers(rest));
        assertEquals(3, rest.path("total").asInt());
        assertEquals(50, server.anonymous().get("/api/v1/models/up-pages/versions").expect(200).json().path("limit")
                .asInt(), "the default page, as /models has it");
        server.anonymous().get("/api/v1/models/up-pages/versions?limit=0").expectError(400, "limit");
        server.anonymous().get("/api/v1/models/up-pages/versions?limit=501").expectError(400, "limit");
        server.anonymous().get("/api/v1/models/up-pages/versions?offset=-1").expectError(400, "offset");
    }

    @Test
    void concurrentUploadsGetConsecutiveDistinctNumbers() throws Exception {
        server.admin().createModel("up-concurrent");
        byte[] onnx = ServerFixture.regressor();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<JsonNode>> uploads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                uploads.add(pool.submit(() -> server.admin().upload("up-concurrent", onnx,
                        ServerFixture.REGRESSOR_METADATA)));
            }
            java.util.Set<Integer> numbers = new java.util.TreeSet<>();
            for (var upload : uploads) {
                numbers.add(upload.get(60, java.util.concurrent.TimeUnit.SECONDS).path("number").asInt());
            }
            assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6, 7, 8), numbers);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), numbers(server.anonymous()
                .get("/api/v1/models/up-concurrent/versions").expect(200).json()));
    }

    @Test
    void aFailedUploadDoesNotUseUpANumber() {
        server.admin().createModel("up-gap");
        server.admin().upload("up-gap", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("file", ServerFixture.regressor());
        bad.put("metadata", "{\"function\": \"clustering\"}");
        server.admin().postMultipart("/api/v1/models/up-gap/versions", bad).expectError(422);
        assertEquals(2, server.admin().upload("up-gap", ServerFixture.classifier(), ServerFixture.CLASSIFIER_METADATA)
                .path("number").asInt());
    }

    @Test
    void aModelDeletedAndMadeAgainStartsAtOne() {
        server.admin().createModel("up-again");
        server.admin().upload("up-again", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().upload("up-again", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().delete("/api/v1/models/up-again").expect(204);
        server.admin().createModel("up-again");
        assertEquals(1, server.admin().upload("up-again", ServerFixture.classifier(),
                ServerFixture.CLASSIFIER_METADATA).path("number").asInt());
        assertEquals(List.of(1), numbers(server.anonymous().get("/api/v1/models/up-again/versions").expect(200).json()));
    }

    @Test
    void metadataOracleWouldRefuseIs422WithEachProblem() throws Exception {
        server.admin().createModel("up-bad-metadata");
        JsonNode before = server.storedState();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", ServerFixture.classifier());
        parts.put("metadata", "{\"function\": \"classification\", \"classificationProbOutput\": \"probs\","
                + " \"labels\": [\"a\", \"b\"], \"input\": {\"features\": [\"A\", \"B\"]}}");
        JsonNode error = server.admin().postMultipart("/api/v1/models/up-bad-metadata/versions", parts)
                .expectError(422, "problem");
        List<String> codes = new ArrayList<>();
        error.path("detail").forEach(p -> {
            assertEquals("error", p.path("severity").asText(), p.toString());
            assertTrue(p.path("message").isTextual(), p.toString());
            codes.add(p.path("code").asText() + " " + p.path("field").asText());
        });
        assertTrue(codes.contains("ORA-54413 classificationProbOutput"), codes.toString());
        assertTrue(codes.contains("ORA-54420 input.features"), codes.toString());
        ServerFixture.assertUnchanged(before, server.storedState(), "an upload with bad metadata");
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedAndNothingStored() {
        server.admin().createModel("up-bogus");
        JsonNode before = server.storedState();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", "this is not an ONNX model, just some text".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        ApiResponse answer = server.admin().postMultipart("/api/v1/models/up-bogus/versions", parts);
        assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.text());
        answer.expectError(answer.status(), "onnx");
        ServerFixture.assertUnchanged(before, server.storedState(), "a bogus ONNX upload");
    }

    @Test
    void aGraphOnnxRuntimeCannotLoadIsRefusedAndNothingStored() throws Exception {
        server.admin().createModel("up-unloadable");
        ai.onnx.proto.OnnxMl.ModelProto.Builder broken = ai.onnx.proto.OnnxMl.ModelProto
                .parseFrom(ServerFixture.regressor()).toBuilder();
        broken.getGraphBuilder().getNodeBuilder(0).setInput(0, "missing_tensor");
        JsonNode before = server.storedState();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", broken.build().toByteArray());
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        ApiResponse answer = server.admin().postMultipart("/api/v1/models/up-unloadable/versions", parts);
        assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.text());
        answer.expectError(answer.status(), "ONNX Runtime");
        ServerFixture.assertUnchanged(before, server.storedState(), "an unloadable ONNX upload");
    }

    @Test
    void metadataThatIsNotJsonIsRefusedAndNothingStored() {
        server.admin().createModel("up-metadata-text");
        JsonNode before = server.storedState();
        for (String metadata : List.of("{\"function\": ", "regression", "[]")) {
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("file", ServerFixture.regressor());
            parts.put("metadata", metadata);
            ApiResponse answer = server.admin().postMultipart("/api/v1/models/up-metadata-text/versions",
                    parts);
            assertTrue(answer.status() >= 400 && answer.status() < 500, metadata + ": " + answer.text());
            answer.expectError(answer.status(), "metadata");
        }
        ServerFixture.assertUnchanged(before, server.storedState(), "uploads with metadata that is not JSON");
    }

    /**
     * Found by UploadFuzzTest (seed 20261201, case 1104): the version was stored, the upload answered
     * 500, and every later read of the version answered 500 too.
     */
    @Test
    void metadataWithAKeyGivenTwiceIs422AndStoresNothing() {
        server.admin().createModel("up-metadata-twice");
        JsonNode before = server.storedState();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", ServerFixture.regressor());
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA.replaceFirst("\\{", "{\"function\": \"clustering\", "));
        server.admin().postMultipart("/api/v1/models/up-metadata-twice/versions", parts).expectError(422);
        ServerFixture.assertUnchanged(before, server.storedState(), "an upload whose metadata gives a key twice");
        server.admin().get("/api/v1/models/up-metadata-twice/versions/1").expect(404);
    }

    @Test
    void missingPartsAreNamed() {
        server.admin().createModel("up-parts");
        JsonNode before = server.storedState();
        server.admin().postMultipart("/api/v1/models/up-parts/versions", Map.of("metadata",
                ServerFixture.REGRESSOR_METADATA)).expectError(400, "'file'");
        server.admin().postMultipart("/api/v1/models/up-parts/versions", Map.of("file", ServerFixture.regressor()))
                .expectError(400, "'metadata'");
        ServerFixture.assertUnchanged(before, server.storedState(), "uploads with missing parts");
    }

    @Test
    void uploadToAnUnknownModelIs404() {
        JsonNode before = server.storedState();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", ServerFixture.regressor());
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        server.admin().postMultipart("/api/v1/models/up-nobody/versions", parts).expectError(404, "up-nobody");
        ServerFixture.assertUnchanged(before, server.storedState(), "an upload to an unknown model");
    }

    @Test
    void unknownVersionsAre404() {
        server.admin().createModel("up-empty");
        server.anonymous().get("/api/v1/models/up-empty/versions/1").expectError(404, "no version 1");
        server.anonymous().get("/api/v1/models/up-empty/versions/nosuchalias").expectError(404, "nosuchalias");
        server.anonymous().get("/api/v1/models/up-empty/versions/1/artifact").expectError(404);
        assertEquals(0, server.anonymous().get("/api/v1/models/up-empty/versions").expect(200).json().path("items")
                .size());
    }

    /** The version numbers on a page of versions. */
    static List<Integer> numbers(JsonNode page) {
        List<Integer> numbers = new ArrayList<>();
        page.path("items").forEach(v -> numbers.add(v.path("number").asInt()));
        return numbers;
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
