package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Setting;
import dev.modeldock.registry.JobQuery;
import dev.modeldock.service.CatalogService.PostProcessorInfo;
import dev.modeldock.service.ConversionRequest;
import dev.modeldock.service.ModelRefusedException;
import dev.modeldock.service.ReceivedFile;
import dev.modeldock.service.Services;
import dev.modeldock.testkit.MiniLmHubFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checks a form runs before anything happens (the web UI's new-version page): a conversion
 * checked as {@code POST .../versions} checks it, and an upload checked as it would be stored, with
 * the API's messages and problems, and nothing queued or stored.
 */
class NewVersionChecksTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static Path hubFolder;
    static Services services;

    @BeforeAll
    static void placeMiniLm() {
        hubFolder = MiniLmHubFolder.create(server.dataDir.resolve("sources").resolve("hub"));
        services = server.server.services();
    }

    @Test
    void aConversionIsCheckedWithTheApisMessageAndNothingIsQueued() {
        server.admin().createModel("checked");
        Map<String, Object> body = Map.of("source", hubFolder.toString(), "template", "text",
                "config", Map.of("max_seq_length", 2));
        String apiMessage = server.admin().post("/api/v1/models/checked/versions", body).expectError(400)
                .path("error").asText();
        ModelDockException refused = assertThrows(ModelDockException.class, () -> services.versions().check("checked",
                new ConversionRequest(hubFolder.toString(), null, "text", Map.of("max_seq_length", 2), false, null,
                        null)));
        assertEquals(apiMessage, refused.getMessage());

        services.versions().check("checked", new ConversionRequest(hubFolder.toString(), null, null, Map.of(), false,
                null, null));
        assertEquals(0, services.jobs().list(new JobQuery(null, null, "checked", 0, 10)).total(), "nothing queued");
    }

    @Test
    void anUploadIsCheckedWithTheApisProblemsAndNothingIsStored() throws Exception {
        server.admin().createModel("dry-run");
        String metadata = "{\"function\": \"classification\", \"classificationProbOutput\": \"probs\","
                + " \"labels\": [\"a\", \"b\"], \"input\": {\"features\": [\"A\", \"B\"]}}";
        JsonNode before = server.storedState();
        ModelRefusedException refused = assertThrows(ModelRefusedException.class, () -> services.versions()
                .checkUpload("dry-run", bytes(ServerFixture.classifier()), "iris.onnx", metadata,
                        26));
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", ServerFixture.classifier());
        parts.put("metadata", metadata);
        JsonNode apiError = server.admin().postMultipart("/api/v1/models/dry-run/versions", parts).expectError(422);
        List<String> apiCodes = new ArrayList<>();
        apiError.path("detail").forEach(p -> apiCodes.add(p.path("code").asText() + " " + p.path("field").asText()));
        assertEquals(apiCodes, refused.problems().stream().map(p -> p.code() + " " + p.field()).toList());
        ServerFixture.assertUnchanged(before, server.storedState(), "a refused upload check");

        assertTrue(services.versions().checkUpload("dry-run", bytes(ServerFixture.regressor()), "r.onnx",
                ServerFixture.REGRESSOR_METADATA, 26).stream().noneMatch(p -> p.isError()));
        ServerFixture.assertUnchanged(before, server.storedState(), "an upload check that passed");
        try (var left = Files.list(services.workDir())) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith("upload-")), "no spooled copy left");
        }
    }

    @Test
    void postProcessorsAreListedWithTheParametersTheyDeclare() {
        Map<String, PostProcessorInfo> byName = new LinkedHashMap<>();
        services.catalog().postProcessors().forEach(p -> byName.put(p.name(), p));
        assertEquals(List.of("Dense", "Normalize", "Pooling", "Softmax"), List.copyOf(byName.keySet()));
        assertEquals(List.of("in_features", "out_features", "bias", "activation_function"),
                byName.get("Dense").parameters().stream().map(Setting::name).toList());
        assertEquals(Setting.Type.INTEGER, byName.get("Dense").parameters().get(0).type());
        assertTrue(byName.get("Dense").parameters().get(0).required());
        assertEquals("mean", byName.get("Pooling").parameters().get(0).defaultValue());
        assertEquals(List.of(), byName.get("Normalize").parameters());
        assertTrue(byName.get("Pooling").origin().startsWith("postprocessors@"), byName.get("Pooling").origin());
    }

    private static ReceivedFile bytes(byte[] content) {
        return target -> Files.write(target, content);
    }
}
