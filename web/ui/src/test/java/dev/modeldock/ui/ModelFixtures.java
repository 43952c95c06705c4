package dev.modeldock.ui;

import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.Version;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.ui.browser.UiServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Versions and deployments for the catalog and model pages' tests, made fast: a real upload through
 * the API where one is enough, and versions filed the way a conversion files them (artifact, lineage,
 * validation report with its parity figures) where a page needs many, without converting anything.
 */
final class ModelFixtures {
    private final UiServer server;

    ModelFixtures(UiServer server) {
        this.server = server;
    }

    /** Uploads the small regressor ONNX model through the REST API as the model's next version. */
    int upload(String model) {
        return server.admin().upload(model, SmallModels.featureRegressor().toByteArray(),
                SmallModels.FEATURE_REGRESSOR_METADATA).path("number").asInt();
    }

    /**
     * Files a converted version whose artifact has {@code sizeBytes} bytes and whose parity report
     * states these figures, as the conversion job writes them.
     */
    Version converted(String model, int sizeBytes, double minAsciiCosine, int nonAsciiAgreeing, String actor) {
        Registry registry = registry();
        byte[] bytes = new byte[sizeBytes];
        bytes[0] = (byte) (model.hashCode() + sizeBytes); // every version its own artifact
        bytes[sizeBytes - 1] = (byte) Double.hashCode(minAsciiCosine);
        String sha256;
        try {
            sha256 = registry.artifacts().put(new ByteArrayInputStream(bytes)).sha256();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> parity = Map.of("passed", minAsciiCosine >= 0.9999, "minAsciiCosine", 0.9999,
                "ascii", Map.of("texts", 12, "tokenIdsAgree", 12, "maxAbsDifference", 1e-6, "minCosine", minAsciiCosine),
                "non_ascii", Map.of("texts", 8, "tokenIdsAgree", nonAsciiAgreeing, "maxAbsDifference", 1e-3,
                        "minCosine", 0.98));
        String lineage = Json.write(Map.of("kind", "converted", "source", "sentence-transformers/" + model,
                "revision", "8b3219a92973c328a8e22fadcfa821b5dc75636a"));
        return registry.versions().create(model, new NewVersion(sha256, "{\"template\": \"text\"}", lineage,
                "{\"function\": \"embedding\"}", Json.write(Map.of("parity", parity, "metadata", "checked: no errors",
                        "embeddingWidth", 384))), actor);
    }

    /** Records a deployment of the version that finished: live on the target under {@code databaseName}. */
    Deployment deployed(String model, int version, String target, String databaseName) {
        Deployment deployment = registry().deployments().create(model, String.valueOf(version), target, databaseName,
                "deployer");
        registry().deployments().deployed(deployment.id(), target + "." + databaseName);
        return deployment;
    }

    private Registry registry() {
        return server.server().services().registry();
    }
}
