package dev.modeldock.testkit;

import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SequenceClassifierEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A BERT text classifier in hub layout, shaped like ProsusAI/finbert (in OML4Py 2.1's catalog): the
 * real all-MiniLM-L6-v2 tokenizer files, a config.json naming BertForSequenceClassification with
 * {@link #LABELS} in {@code id2label}, and a synthetic {@link SequenceClassifierEncoder} of width
 * {@value #HIDDEN} at {@code onnx/model.onnx} with one logit per label.
 */
public final class ClassifierHubFolder {
    public static final String HUB_ID = "modeldock-test/bert-classifier";
    /** finbert's labels, in id order; deliberately not alphabetical, so that an order mix-up shows. */
    public static final List<String> LABELS = List.of("positive", "negative", "neutral");
    public static final int HIDDEN = 32;
    private static final int VOCABULARY = 30522;

    private ClassifierHubFolder() {
    }

    /** Writes the model under {@code root/modeldock-test/bert-classifier} and returns that folder. */
    public static Path create(Path root) {
        Path folder = root.resolve(HUB_ID);
        try {
            Files.createDirectories(folder.resolve("onnx"));
            MiniLmHubFolder.writeTokenizerFiles(folder);
            // id2label written out of id order, as a JSON object may be: the ids decide the order.
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["BertForSequenceClassification"], "model_type": "bert", "hidden_size": %d,
                     "num_hidden_layers": 1, "max_position_embeddings": 512, "type_vocab_size": 2,
                     "vocab_size": %d, "id2label": {"2": "%s", "0": "%s", "1": "%s"},
                     "label2id": {"%s": 0, "%s": 1, "%s": 2}}
                    """.formatted(HIDDEN, VOCABULARY, LABELS.get(2), LABELS.get(0), LABELS.get(1), LABELS.get(0),
                    LABELS.get(1), LABELS.get(2)));
            OnnxFixtures.write(OnnxFixtures.model(SequenceClassifierEncoder.classifier("bert classifier", 11L,
                    VOCABULARY, HIDDEN, LABELS.size())), folder.resolve("onnx/model.onnx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
