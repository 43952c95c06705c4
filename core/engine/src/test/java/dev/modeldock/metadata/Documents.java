package dev.modeldock.metadata;

import java.util.List;
import java.util.Map;

/** OnnxMetadata records built in code, for the writer and the proposer's tests. */
final class Documents {
    private Documents() {
    }

    /** Every one of the 19 fields set (not a document Oracle would accept: it mixes functions). */
    static OnnxMetadata everyField() {
        return new OnnxMetadata("classification", Map.of("input", List.of("F1", "F2")), "variable", "probabilities",
                "label", "distances", "cluster_probabilities", "embedding", List.of("a", 2, 3.5), "softmax",
                Map.of("F1", "0", "F2", "'x'"), List.of("COSINE", "DOT"), true, 512, "mean",
                Map.of("description", "a model", "nested", Map.of("url", "https://example.com", "n", List.of(1, 2))),
                List.of("US", "D"), "bert", "last_hidden_state");
    }

    /** Only the function. */
    static OnnxMetadata only(String function) {
        return new OnnxMetadata(function, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    static OnnxMetadata withLanguages(Object languages) {
        return new OnnxMetadata("embedding", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, languages, null, null);
    }
}
