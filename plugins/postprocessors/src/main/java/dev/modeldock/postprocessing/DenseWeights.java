package dev.modeldock.postprocessing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The weights of a sentence-transformers Dense module: {@code linear.weight} [out, in] and
 * {@code linear.bias} [out] in the module folder's {@code model.safetensors}.
 */
record DenseWeights(int inFeatures, int outFeatures, float[] weight, float[] bias) {

    float weight(int out, int in) {
        return weight[out * inFeatures + in];
    }

    /** W transposed to [in, out], the layout MatMul(x, W^T) wants. */
    float[] transposed() {
        float[] t = new float[weight.length];
        for (int o = 0; o < outFeatures; o++) {
            for (int i = 0; i < inFeatures; i++) {
                t[i * outFeatures + o] = weight[o * inFeatures + i];
            }
        }
        return t;
    }

    static DenseWeights load(ModelFolder model, int inFeatures, int outFeatures, boolean withBias) {
        String folder = moduleFolder(model, inFeatures, outFeatures);
        // The module's own activation is what the model was trained with; refuse rather than apply tanh to it.
        String activation = model.find(folder + "/config.json").map(DenseWeights::json)
                .map(config -> config.path("activation_function").asText("")).orElse("");
        if (!activation.isEmpty() && !activation.endsWith("Tanh")) {
            throw new ModelDockException("the Dense module " + folder + " of model '" + model.id() + "' uses "
                    + activation + "; only Tanh is supported");
        }
        Optional<Path> file = model.find(folder + "/model.safetensors");
        if (file.isEmpty()) {
            String found = model.find(folder + "/pytorch_model.bin").isPresent()
                    ? " (it has pytorch_model.bin; save the module with safetensors)" : "";
            throw new ModelDockException("model '" + model.id() + "' has no " + folder + "/model.safetensors for"
                    + " its Dense layer" + found);
        }
        SafeTensors tensors = SafeTensors.read(file.get());
        float[] weight = tensors.floats("linear.weight", outFeatures, inFeatures);
        float[] bias = null;
        if (withBias) {
            bias = tensors.floats("linear.bias", outFeatures);
        } else if (tensors.has("linear.bias")) {
            throw new ModelDockException("Dense bias is false, but " + folder + " has a linear.bias");
        }
        return new DenseWeights(inFeatures, outFeatures, weight, bias);
    }

    /**
     * The Dense module folder modules.json names; with several, the one whose config.json has these
     * features. Without modules.json, {@code 2_Dense}.
     */
    private static String moduleFolder(ModelFolder model, int inFeatures, int outFeatures) {
        Optional<Path> modules = model.find("modules.json");
        if (modules.isEmpty()) {
            return "2_Dense";
        }
        List<String> folders = new ArrayList<>();
        for (JsonNode module : json(modules.get())) {
            if (module.path("type").asText().endsWith(".Dense")) {
                folders.add(module.path("path").asText());
            }
        }
        if (folders.isEmpty()) {
            throw new ModelDockException("model '" + model.id() + "' has no Dense module in modules.json, so a"
                    + " Dense post_processor has no weights");
        }
        for (String folder : folders) {
            Optional<Path> config = model.find(folder + "/config.json");
            if (config.isEmpty()) {
                continue;
            }
            JsonNode features = json(config.get());
            if (features.path("in_features").asInt() == inFeatures
                    && features.path("out_features").asInt() == outFeatures) {
                return folder;
            }
        }
        throw new ModelDockException("no Dense module of model '" + model.id() + "' has in_features " + inFeatures
                + " and out_features " + outFeatures + " (modules: " + folders + ")");
    }

    private static JsonNode json(Path file) {
        try {
            return SafeTensors.JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Where it fails, never what Jackson read: the file may be a link to something secret.
            JsonLocation at = e.getLocation();
            throw new ModelDockException(file + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
