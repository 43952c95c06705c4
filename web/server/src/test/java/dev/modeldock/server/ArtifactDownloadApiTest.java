package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modeldock.testkit.api.ApiResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Artifacts streamed out: exact bytes, SHA-256 as ETag, conditional requests, single byte ranges. */
class ArtifactDownloadApiTest {
    private static final String ARTIFACT = "/api/v1/models/dl-classifier/versions/1/artifact";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static byte[] onnx;
    static String sha;

    @BeforeAll
    static void start() throws Exception {
        onnx = ServerFixture.classifier();
        sha = VersionUploadApiTest.sha256(onnx);
        server.admin().createModel("dl-classifier");
        server.admin().upload("dl-classifier", onnx, ServerFixture.CLASSIFIER_METADATA);
    }

    @Test
    void wholeArtifactHasItsBytesLengthAndShaAsETag() throws Exception {
        ApiResponse answer = server.anonymous().get(ARTIFACT).expect(200);
        assertArrayEquals(onnx, answer.body());
        assertEquals("\"" + sha + "\"", answer.header("ETag"));
        assertEquals(VersionUploadApiTest.sha256(answer.body()), sha);
        assertEquals(String.valueOf(onnx.length), answer.header("Content-Length"));
        assertEquals("bytes", answer.header("Accept-Ranges"));
        assertEquals("application/octet-stream", answer.header("Content-Type"));
        assertEquals("attachment; filename=\"dl-classifier-v1.onnx\"", answer.header("Content-Disposition"));
    }

    @Test
    void aliasAddressesTheSameArtifact() {
        server.admin().put("/api/v1/models/dl-classifier/aliases/dlstable", Map.of("version", 1)).expect(200);
        ApiResponse answer = server.anonymous().get("/api/v1/models/dl-classifier/versions/dlstable/artifact")
                .expect(200);
        assertArrayEquals(onnx, answer.body());
        assertEquals("\"" + sha + "\"", answer.header("ETag"));
    }

    @Test
    void firstBytes() {
        assertRange("bytes=0-9", 0, 9);
    }

    @Test
    void middleBytes() {
        assertRange("bytes=100-199", 100, 199);
    }

    @Test
    void suffixIsTheLastBytes() {
        assertRange("bytes=-10", onnx.length - 10, onnx.length - 1);
    }

    @Test
    void openEndedRangeRunsToTheEnd() {
        assertRange("bytes=20-", 20, onnx.length - 1);
    }

    @Test
    void aRangePastTheEndIsCutAtTheEnd() {
        assertRange("bytes=5-999999999", 5, onnx.length - 1);
        assertRange("bytes=-999999999", 0, onnx.length - 1);
    }

    @Test
    void aRangeStartingPastTheEndIs416WithTheSize() {
        ApiResponse answer = server.anonymous().get(ARTIFACT, Map.of("Range", "bytes=" + onnx.length + "-"));
        answer.expectError(416, "range");
        assertEquals("bytes */" + onnx.length, answer.header("Content-Range"));
        answer = server.anonymous().get(ARTIFACT, Map.of("Range", "bytes=9-3"));
        answer.expectError(416, "range");
        assertEquals("bytes */" + onnx.length, answer.header("Content-Range"));
    }

    @Test
    void aRangeHeaderThisServerDoesNotServeGetsTheWholeArtifact() {
        assertArrayEquals(onnx, server.anonymous().get(ARTIFACT, Map.of("Range", "bytes=0-1,5-6")).expect(200).body());
        assertArrayEquals(onnx, server.anonymous().get(ARTIFACT, Map.of("Range", "pages=1-2")).expect(200).body());
    }

    @Test
    void ifNoneMatchWithTheShaIs304WithoutABody() {
        ApiResponse answer = server.anonymous().get(ARTIFACT, Map.of("If-None-Match", "\"" + sha + "\""))
                .expect(304);
        assertEquals(0, answer.body().length);
        assertEquals("\"" + sha + "\"", answer.header("ETag"));
        assertArrayEquals(onnx, server.anonymous().get(ARTIFACT, Map.of("If-None-Match", "\"other\"")).expect(200)
                .body());
    }

    @Test
    void ifNoneMatchMayListTagsOrMarkThemWeakOrBeAStar() {
        for (String header : List.of("\"other\", \"" + sha + "\"", "W/\"" + sha + "\"", "*")) {
            server.anonymous().get(ARTIFACT, Map.of("If-None-Match", header)).expect(304);
        }
        server.anonymous().get(ARTIFACT, Map.of("If-None-Match", "\"other\", W/\"else\"")).expect(200);
    }

    @Test
    void ifRangeWithAnotherETagGetsTheWholeArtifact() {
        assertArrayEquals(onnx, server.anonymous().get(ARTIFACT, Map.of("Range", "bytes=0-9", "If-Range",
                "\"0000\"")).expect(200).body());
        ApiResponse partial = server.anonymous().get(ARTIFACT, Map.of("Range", "bytes=0-9", "If-Range",
                "\"" + sha + "\"")).expect(206);
        assertArrayEquals(Arrays.copyOfRange(onnx, 0, 10), partial.body());
    }

    private static void assertRange(String range, int first, int last) {
        ApiResponse answer = server.anonymous().get(ARTIFACT, Map.of("Range", range)).expect(206);
        assertArrayEquals(Arrays.copyOfRange(onnx, first, last + 1), answer.body(), range);
        assertEquals("bytes " + first + "-" + last + "/" + onnx.length, answer.header("Content-Range"), range);
        assertEquals(String.valueOf(last - first + 1), answer.header("Content-Length"), range);
        assertEquals("\"" + sha + "\"", answer.header("ETag"), range);
    }
}
