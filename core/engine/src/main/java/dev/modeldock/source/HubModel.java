package dev.modeldock.source;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.Json;
import dev.modeldock.config.JsonProblem;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.WeightOrigins;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A sentence-transformers model in hub layout: the transformer's {@code config.json}, the encoder at
 * {@code onnx/model.onnx}, tokenizer files, and sentence-transformers' own module files.
 */
public final class HubModel {
    /** Architectures whose position table reserves two slots before the first token (padding offset). */
    private static final Set<String> OFFSET_POSITIONS = Set.of("roberta", "xlm-roberta", "mpnet", "camembert");

    private final ModelFolder folder;
    private final JsonNode config;

    private HubModel(ModelFolder folder, JsonNode config) {
        this.folder = folder;
        this.config = config;
    }

    /** Opens the folder, reading its config.json. */
    public static HubModel open(ModelFolder folder) {
        return new HubModel(folder, readJson(folder.require("config.json")));
    }

    public ModelFolder folder() {
        return folder;
    }

    /**
     * The exported encoder: {@code onnx/model.onnx}, or {@code model.onnx} at the top; a multimodal
     * model's text tower ({@code onnx/text_model.onnx}, as Xenova's CLIP exports have it beside the whole
     * model's {@code onnx/model.onnx}, which also wants images) before either.
     */
    public Path encoderFile() {
        return folder.find("onnx/text_model.onnx").or(() -> folder.find("onnx/model.onnx"))
                .or(() -> folder.find("model.onnx")).orElseThrow(() ->
                new ModelDockException("model '" + folder.id() + "' has no onnx/model.onnx (the encoder exported to"
                        + " ONNX, as the hub's onnx/ folder has it)"));
    }

    /**
     * The encoder, read and checked: weights kept in external data files ({@code model.onnx_data}) are
     * read from beside it, each a file of this folder by its path (no '..', nothing absolute) and
     * recorded among its inputs. Links are followed as for the model's other files, since the hub's
     * cache links every file of a snapshot to its blob; a server confines them with its source roots.
     */
    public ModelProto encoder() {
        return encoder(new WeightOrigins());
    }

    /** The same, recording in {@code origins} where the weights kept in external data lie. */
    public ModelProto encoder(WeightOrigins origins) {
        Path file = encoderFile();
        String dir = folder.root().relativize(file.getParent()).toString().replace('\\', '/');
        return OnnxModels.readChecked(file, location -> folder.require(dir.isEmpty() ? location
                : dir + "/" + location), origins);
    }

    /** The encoder's bytes: its file and the external data files beside it that belong to it. */
    public long encoderBytes() {
        Path file = encoderFile();
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            long bytes = 0;
            for (Path sibling : siblings.filter(p -> p.equals(file) || isExternalDataOf(file.getFileName().toString(),
                    p.getFileName().toString())).toList()) {
                bytes += Files.size(sibling);
            }
            return bytes;
        } catch (IOException e) {
            throw new ModelDockException("model '" + folder.id() + "': cannot list " + file.getParent() + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Whether {@code name} is, by the names exporters give them, an external data file of the encoder
     * {@code encoderName}: {@code model.onnx_data}, {@code model.onnx_data_1}, {@code model.onnx.data}.
     */
    public static boolean isExternalDataOf(String encoderName, String name) {
        return name.startsWith(encoderName + "_data") || name.startsWith(encoderName + ".data");
    }

    /** config.json's {@code architectures} (e.g. BertForSequenceClassification), empty when it names none. */
    public List<String> architectures() {
        List<String> names = new ArrayList<>();
        config.path("architectures").forEach(name -> {
            if (name.isTextual()) {
                names.add(name.asText());
            }
        });
        return List.copyOf(names);
    }

    /**
     * A classifier's labels from config.json's {@code id2label}, in id order; empty when it has none.
     *
     * @throws ModelDockException when the ids are not 0 to n−1, so no order of the logits is known
     */
    public Optional<List<String>> labels() {
        JsonNode id2label = config.path("id2label");
        if (!id2label.isObject() || id2label.isEmpty()) {
            return Optional.empty();
        }
        String[] labels = new String[id2label.size()];
        id2label.fields().forEachRemaining(entry -> {
            int id = parseId(entry.getKey());
            if (id < 0 || id >= labels.length || labels[id] != null || !entry.getValue().isTextual()) {
                throw new ModelDockException("model '" + folder.id() + "': config.json's id2label " + id2label
                        + " does not map the ids 0 to " + (labels.length - 1) + " to one label each; give the labels in"
                        + " the configuration's labels property, in the order of the model's logits");
            }
            labels[id] = entry.getValue().asText();
        });
        return Optional.of(List.of(labels));
    }

    private static int parseId(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The spellings tokenizer.json marks as special tokens ({@code <s>}, {@code [MASK]}, ...), in its
     * order; empty without a tokenizer.json. Hugging Face reads them in text as those tokens.
     */
    public List<String> specialTokens() {
        List<String> tokens = new ArrayList<>();
        folder.find("tokenizer.json").map(HubModel::readJson).ifPresent(json -> json.path("added_tokens")
                .forEach(token -> {
                    if (token.path("special").asBoolean(false) && token.path("content").isTextual()) {
                        tokens.add(token.path("content").asText());
                    }
                }));
        return List.copyOf(tokens);
    }

    /**
     * The encoder's hidden size, from config.json: {@code hidden_size}, or {@code dim} (DistilBERT) or
     * {@code n_embd} (GPT-2).
     */
    public OptionalInt hiddenSize() {
        return first("hidden_size", "dim", "n_embd");
    }

    /**
     * How many tokens the encoder's position table holds ({@code max_position_embeddings}, or GPT-2's
     * {@code n_positions}; a multimodal model's, CLIP's, under {@code text_config}), padding offset removed.
     */
    public OptionalInt maxTokens() {
        OptionalInt positions = first("max_position_embeddings", "n_positions");
        if (positions.isEmpty()) {
            positions = integer(config.path("text_config"), "max_position_embeddings");
        }
        if (positions.isPresent() && OFFSET_POSITIONS.contains(config.path("model_type").asText())) {
            return OptionalInt.of(positions.getAsInt() - 2);
        }
        return positions;
    }

    /** The width of a projection head's output (CLIP's {@code projection_dim}), when config.json names one. */
    public OptionalInt projectionDim() {
        return integer(config, "projection_dim");
    }

    /** sentence-transformers' own max_seq_length, a hint when the configuration has none. */
    public OptionalInt suggestedMaxSeqLength() {
        return folder.find("sentence_bert_config.json").map(HubModel::readJson)
                .map(json -> integer(json, "max_seq_length")).orElse(OptionalInt.empty());
    }

    /**
     * What the model's tokenizer files say it is, for a message when no tokenizer plugin takes them:
     * {@code tokenizer_config.json}'s {@code tokenizer_class} and {@code tokenizer.json}'s model type,
     * each or that it is absent (e.g. {@code tokenizer_config.json names XLMRobertaTokenizer,
     * tokenizer.json holds a Unigram model}).
     */
    public String tokenizerDescription() {
        String declared = folder.find("tokenizer_config.json").map(file -> {
            JsonNode type = readJson(file).path("tokenizer_class");
            return "tokenizer_config.json names " + (type.isTextual() ? type.asText() : "no tokenizer_class");
        }).orElse("no tokenizer_config.json");
        String model = folder.find("tokenizer.json").map(file -> {
            JsonNode type = readJson(file).path("model").path("type");
            return "tokenizer.json holds " + (type.isTextual() ? "a " + type.asText() + " model" : "no model type");
        }).orElse("no tokenizer.json");
        return declared + ", " + model;
    }

    private OptionalInt first(String... keys) {
        for (String key : keys) {
            OptionalInt value = integer(config, key);
            if (value.isPresent()) {
                return value;
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt integer(JsonNode json, String key) {
        JsonNode value = json.path(key);
        return value.canConvertToInt() && value.isIntegralNumber() ? OptionalInt.of(value.asInt()) : OptionalInt.empty();
    }

    /** The file's JSON object; an error names the file and what is wrong, never what the file holds. */
    static JsonNode readJson(Path file) {
        try {
            JsonNode json = Json.MAPPER.readTree(file.toFile());
            if (json == null || !json.isObject()) {
                throw new ModelDockException(file + " does not hold a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw new ModelDockException(file + " is not a valid JSON object: "
                    + JsonProblem.of(e).withoutField().describe());
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
