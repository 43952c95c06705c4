package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Version;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The version page of the real MiniLM converted through the API, and of an uploaded ONNX model. */
class VersionPageBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);
    /** Version 1 of minilm as the API gives it. */
    static JsonNode converted;
    static Path folder;

    @BeforeAll
    static void convertMiniLm() {
        folder = MiniLmHubFolder.create(server.sources().resolve("hub"));
        server.createModel("minilm", "Sentence embeddings", List.of("english"));
        String job = server.admin().post("/api/v1/models/minilm/versions", Map.of("source", folder.toString()))
                .expect(202).json().path("id").asText();
        assertEquals("succeeded", server.admin().awaitJob(job).path("state").asText());
        converted = server.admin().get("/api/v1/models/minilm/versions/1").expect(200).json();
    }

    @Test
    void aConvertedVersionShowsItsParityFiguresMetadataVerdictGraphAndLineage() {
        browser.signInAs("viewer").open("/models/minilm/versions/1");
        JsonNode ascii = converted.path("validation").path("parity").path("ascii");
        String asciiRow = browser.waitFor(By.id("parity-ascii")).getText();
        assertTrue(asciiRow.contains(ascii.path("tokenIdsAgree").asInt() + " / " + ascii.path("texts").asInt()),
                asciiRow);
        assertTrue(asciiRow.contains(String.format(Locale.ROOT, "%.6f", ascii.path("minCosine").asDouble())), asciiRow);
        JsonNode nonAscii = converted.path("validation").path("parity").path("non_ascii");
        assertTrue(browser.text(By.id("parity-non_ascii")).contains(nonAscii.path("tokenIdsAgree").asInt() + " / "
                + nonAscii.path("texts").asInt()));
        assertEquals("passed", browser.text(By.id("parity-verdict")));
        int differing = 0;
        for (JsonNode figures : converted.path("validation").path("parity")) {
            differing += figures.path("idsDiffer").size();
        }
        assertEquals(differing, browser.findAll(By.cssSelector(".differ li")).size(), "each text whose ids differed");

        assertTrue(browser.text(By.id("metadata-verdict")).startsWith("Oracle would accept this"));
        assertTrue(browser.text(By.id("metadata-json")).contains("\"embeddingOutput\" : \""
                + converted.path("metadata").path("embeddingOutput").asText() + "\""));
        assertTrue(browser.text(By.id("graph-domains")).contains("ai.onnx.contrib"), "the in-graph tokenizer's domain");
        String io = browser.text(By.id("graph-io"));
        assertTrue(io.contains("STRING") && io.contains("FLOAT") && io.contains(String.valueOf(MiniLmHubFolder.WIDTH)),
                io);
        assertTrue(Integer.parseInt(browser.text(By.id("graph-nodes"))) > 10);
        assertTrue(browser.text(By.id("lineage-files")).contains(converted.path("lineage").path("sourceFiles")
                .path("tokenizer.json").asText()), "the tokenizer's SHA-256");
        assertTrue(browser.text(By.id("lineage-plugins")).contains("tokenizer-bert"));
        assertTrue(browser.text(By.id("snippet-sql")).contains("DBMS_VECTOR.LOAD_ONNX_MODEL"));
        assertTrue(browser.text(By.id("snippet-query")).contains("VECTOR_EMBEDDING(MINILM_V1 USING"));
        assertTrue(browser.findAll(By.linkText("Deploy")).isEmpty(), "a viewer is not offered deploy");
        assertEquals("200 " + converted.path("artifact").path("sizeBytes").asLong(), browser.script(
                "return fetch(arguments[0]).then(r => r.status + ' ' + r.headers.get('Content-Length'))",
                browser.find(By.linkText("Download ONNX")).getAttribute("href")), "the download link works with"
                + " the session cookie");
        browser.screenshots("version");

        browser.signInAs("deployer").open("/models/minilm/versions/1");
        assertEquals(1, browser.findAll(By.linkText("Deploy")).size());
    }

    @Test
    void aConvertedVersionShowsTokenIdAgreementForEachWritingSystemUnderTheParityRows() {
        browser.signInAs("viewer").open("/models/minilm/versions/1");
        JsonNode scripts = converted.path("validation").path("parity").path("scripts");
        List<String> keys = new ArrayList<>();
        scripts.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("latin", "greek", "cyrillic", "cjk", "hangul", "devanagari", "arabic", "thai", "emoji"),
                keys, "the nine writing systems of the built-in probes, as the API gives them");
        List<String> rows = browser.findAll(By.cssSelector("#scripts tbody tr")).stream()
                .map(row -> row.getAttribute("id")).toList();
        assertEquals(keys.stream().map(key -> "script-" + key).toList(), rows, "one row each, in the report's order");
        for (String key : keys) {
            JsonNode figures = scripts.path(key);
            String row = browser.text(By.id("script-" + key));
            assertTrue(row.contains(figures.path("tokenIdsAgree").asInt() + " / " + figures.path("texts").asInt()), row);
            assertTrue(row.contains(String.format(Locale.ROOT, "%.6f", figures.path("minCosine").asDouble())), row);
        }
        assertTrue(browser.text(By.id("script-cjk")).startsWith("CJK"));
        assertTrue(browser.text(By.id("script-devanagari")).startsWith("Devanagari"));
        assertTrue(browser.findAll(By.id("scripts-missing")).isEmpty());
        List<String> explained = new ArrayList<>();
        for (String key : keys) {
            if (scripts.path(key).hasNonNull("reason")) {
                explained.add("reason-" + key);
                assertTrue(browser.text(By.id("reason-" + key)).contains(scripts.path(key).path("reason").asText()), key);
            }
        }
        assertTrue(explained.contains("reason-hangul"), "Korean never agrees with this uncased vocabulary: " + explained);
        assertEquals(explained, browser.findAll(By.cssSelector("#script-reasons li")).stream()
                .map(item -> item.getAttribute("id")).toList(), "a reason exactly for the systems whose ids differ");
        browser.screenshots("version-scripts");
    }

    @Test
    void aVersionStoredBeforeWritingSystemsWereReportedStillShowsItsParityAndComparesWithDashes() {
        Version current = server.server().services().versions().get("minilm", "1");
        ObjectNode validation = (ObjectNode) Json.tree(current.validation());
        ((ObjectNode) validation.path("parity")).remove("scripts");
        Version old = server.server().services().registry().versions().create("minilm", new NewVersion(
                current.artifactSha256(), current.config(), current.lineage(), current.metadata(),
                Json.write(validation)), "admin");

        browser.signInAs("viewer").open("/models/minilm/versions/" + old.number());
        assertEquals("passed", browser.waitFor(By.id("parity-verdict")).getText());
        JsonNode ascii = converted.path("validation").path("parity").path("ascii");
        assertTrue(browser.text(By.id("parity-ascii")).contains(ascii.path("tokenIdsAgree").asInt() + " / "
                + ascii.path("texts").asInt()));
        assertEquals(4, browser.findAll(By.cssSelector("#parity tbody tr")).size(),
                "ASCII, non-ASCII, outside the BMP, special-token spellings");
        assertTrue(browser.findAll(By.id("scripts")).isEmpty(), "no writing-system table without figures");
        assertTrue(browser.text(By.id("scripts-missing")).contains("converted before"));

        browser.open("/models/minilm/compare?a=" + old.number() + "&b=1");
        browser.waitFor(By.id("figures"));
        JsonNode greek = converted.path("validation").path("parity").path("scripts").path("greek");
        List<String> greekRow = browser.findAll(By.cssSelector("#figures tbody tr")).stream()
                .map(row -> row.getText()).filter(text -> text.startsWith("Greek token ids agree")).toList();
        assertEquals(List.of("Greek token ids agree — " + greek.path("tokenIdsAgree").asInt() + " / "
                + greek.path("texts").asInt()), greekRow);
        browser.screenshots("compare-scripts");
    }

    @Test
    void aVersionWithExternalDataListsItsFilesAndLoadsThemWithTheirDescriptor() {
        server.createModel("minilm-large", "Sentence embeddings, weights in external data", List.of());
        String job = server.admin().post("/api/v1/models/minilm-large/versions", Map.of("source", folder.toString(),
                "targetRelease", 26, "config", Map.of("use_external_data", true))).expect(202).json().path("id").asText();
        assertEquals("succeeded", server.admin().awaitJob(job).path("state").asText());
        JsonNode files = server.admin().get("/api/v1/models/minilm-large/versions/1").expect(200).json()
                .path("artifact").path("files");

        browser.signInAs("viewer").open("/models/minilm-large/versions/1");
        String listed = browser.waitFor(By.id("package-files")).getText();
        for (JsonNode file : files) {
            assertTrue(listed.contains(file.path("name").asText()) && listed.contains(file.path("sha256").asText()),
                    listed);
        }
        String sql = browser.text(By.id("snippet-sql"));
        assertTrue(sql.startsWith("-- Unzip minilm-large-v1.zip into the database directory DM_DUMP first"), sql);
        assertTrue(sql.contains("-- or deploy it with an Oracle target whose \"directory\" setting names that"
                + " directory."), sql);
        assertTrue(sql.contains("file_name               => 'model.onnx'")
                && sql.contains("external_data_file_name => 'model_external_data.json'"), sql);
        assertTrue(browser.text(By.id("snippet-cli")).contains("--pipeline minilm-large-v1/model.onnx"));
        assertEquals("Download package", browser.text(By.cssSelector(".page-head .actions a")));
        assertEquals("passed", browser.text(By.id("parity-verdict")));
        browser.screenshots("version-external-data");
    }

    @Test
    void anUploadedVersionShowsItsGraphAndNoParity() {
        server.createModel("regressor", "", List.of());
        server.admin().upload("regressor", SmallModels.featureRegressor().toByteArray(),
                SmallModels.FEATURE_REGRESSOR_METADATA);
        browser.signInAs("viewer").open("/models/regressor/versions/1");
        assertTrue(browser.waitFor(By.id("metadata-verdict")).getText().startsWith("Oracle would accept this"));
        assertTrue(browser.find(By.id("validation")).getText().contains("no parity figures"));
        assertTrue(browser.text(By.id("graph-io")).contains("features"));
        assertEquals(String.valueOf(SmallModels.OPSET), browser.text(By.id("graph-opset")));
        assertTrue(browser.text(By.id("snippet-query")).contains("PREDICTION(REGRESSOR_V1 USING 0 AS A, 0 AS B"));

        // Stored straight into the registry, as an older ModelDock with laxer rules might have: the page
        // says what Oracle would refuse today, by ORA code.
        Version good = server.server().services().versions().get("regressor", "1");
        server.server().services().registry().versions().create("regressor", new NewVersion(good.artifactSha256(),
                null, good.lineage(), "{\"function\": \"regression\", \"input\": {\"no_such_input\": [\"A\"]}}",
                good.validation()), "admin");
        browser.open("/models/regressor/versions/2");
        assertTrue(browser.waitFor(By.id("metadata-verdict")).getText().startsWith("Oracle would refuse this"));
        String findings = browser.text(By.id("metadata-findings"));
        assertTrue(findings.contains("ORA-") && findings.contains("no_such_input"), findings);

        browser.open("/models/regressor/versions/7");
        assertTrue(browser.waitFor(By.cssSelector("h1")).getText().contains("404"));
    }
}
