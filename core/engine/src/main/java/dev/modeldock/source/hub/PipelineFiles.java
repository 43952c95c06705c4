package dev.modeldock.source.hub;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.source.HubModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a repository a pipeline is built from: tokenizer and configuration files (byte-level
 * BPE's {@code vocab.json} and {@code merges.txt}, XLM-RoBERTa's {@code sentencepiece.bpe.model} among them),
 * sentence-transformers' module configurations and Dense weights, and one encoder format, the ONNX
 * export ({@code onnx/text_model.onnx} for a multimodal model's text tower, else {@code onnx/model.onnx},
 * else {@code model.onnx}) with its external data files beside it; never the other formats of the same
 * weights.
 */
public final class PipelineFiles {
    private static final Set<String> TOP_LEVEL = Set.of("config.json", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.txt", "vocab.json", "merges.txt", "sentencepiece.bpe.model",
            "added_tokens.json", "modules.json",
            "sentence_bert_config.json", "config_sentence_transformers.json");
    /** A sentence-transformers module's configuration ({@code 1_Pooling/config.json}, {@code 2_Dense/config.json}). */
    private static final Pattern MODULE_CONFIG = Pattern.compile("\\d+_[A-Za-z]+/config\\.json");
    private static final Pattern DENSE_FOLDER = Pattern.compile("\\d+_Dense");
    /** Dense weights in the order preferred: one format per module. */
    private static final List<String> DENSE_WEIGHTS = List.of("model.safetensors", "pytorch_model.bin");
    /** A multimodal repository's text tower (Xenova's CLIP exports) first: its onnx/model.onnx also wants images. */
    private static final List<String> ENCODERS = List.of("onnx/text_model.onnx", "onnx/model.onnx", "model.onnx");

    private PipelineFiles() {
    }

    /** The files to download. */
    public static List<RepoFile> select(RepoSnapshot snapshot) {
        List<RepoFile> chosen = new ArrayList<>();
        for (RepoFile file : snapshot.files()) {
            if (TOP_LEVEL.contains(file.path()) || MODULE_CONFIG.matcher(file.path()).matches()) {
                chosen.add(file);
                String folder = file.path().contains("/") ? file.path().substring(0, file.path().indexOf('/')) : "";
                if (DENSE_FOLDER.matcher(folder).matches()) {
                    DENSE_WEIGHTS.stream().map(w -> snapshot.file(folder + "/" + w)).flatMap(Optional::stream)
                            .findFirst().ifPresent(chosen::add);
                }
            }
        }
        RepoFile encoder = ENCODERS.stream().map(snapshot::file).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new ModelDockException("model " + snapshot.repoId() + " at commit "
                        + snapshot.commit() + " has no ONNX export of its encoder (onnx/model.onnx), which is what"
                        + " ModelDock builds the pipeline from"));
        chosen.add(encoder);
        // Its external data, named as exporters name it (model.onnx_data, model.onnx_data_1, model.onnx.data):
        // which files the encoder reads is only known once it is read.
        snapshot.files().stream().filter(file -> HubModel.isExternalDataOf(encoder.path(), file.path()))
                .forEach(chosen::add);
        return List.copyOf(chosen);
    }

    /**
     * What a cached snapshot lacks to be used without asking the hub: the configuration, the encoder and
     * a vocabulary; empty when it has them all.
     */
    public static List<String> missingFrom(Path snapshot) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(snapshot.resolve("config.json"))) {
            missing.add("config.json");
        }
        if (ENCODERS.stream().noneMatch(e -> Files.isRegularFile(snapshot.resolve(e)))) {
            missing.add("onnx/model.onnx");
        }
        if (Stream.of("tokenizer.json", "vocab.txt", "vocab.json", "sentencepiece.bpe.model")
                .noneMatch(file -> Files.isRegularFile(snapshot.resolve(file)))) {
            missing.add("tokenizer.json, vocab.txt, vocab.json or sentencepiece.bpe.model");
        }
        return missing;
    }
}
