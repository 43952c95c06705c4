package dev.modeldock.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries and the one document that answers each: how a quality check sees whether a rewritten
 * pipeline still ranks documents as the float32 one does.
 *
 * @param queries   the queries, in order
 * @param documents the documents, the answer to {@code queries.get(i)} at index i
 */
public record RetrievalPairs(List<String> queries, List<String> documents) {

    public RetrievalPairs {
        queries = List.copyOf(queries);
        documents = List.copyOf(documents);
        if (queries.size() != documents.size() || queries.isEmpty()) {
            throw new IllegalArgumentException("retrieval pairs need as many documents as queries, at least one");
        }
    }

    /** The built-in set, {@code retrieval-pairs.tsv}: three dozen pairs on everyday topics. */
    public static RetrievalPairs builtIn() {
        List<String> queries = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                RetrievalPairs.class.getResourceAsStream("retrieval-pairs.tsv"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    String[] pair = line.split("\t", -1);
                    if (pair.length != 2) {
                        throw new IllegalStateException("retrieval-pairs.tsv: not query<TAB>document: " + line);
                    }
                    queries.add(pair[0]);
                    documents.add(pair[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in retrieval pairs", e);
        }
        return new RetrievalPairs(queries, documents);
    }

    public int size() {
        return queries.size();
    }
}
