package dev.modeldock.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in text pairs a reranker is checked on: each retrieval query with its own document and
 * with the next query's (a relevant and an irrelevant passage), a few pairs long enough that
 * longest-first truncation cuts one text or both, and a few non-ASCII ones, which are reported and
 * never decide.
 */
public final class ProbePairs {
    private ProbePairs() {
    }

    /** A probe pair: the query first, the passage second. */
    public record Pair(String first, String second) {
        /** The pair as one probe text, for its script (ASCII only when both are) and writing system. */
        public ProbeText asProbe() {
            return ProbeText.of(first + " | " + second);
        }
    }

    public static List<Pair> builtIn() {
        RetrievalPairs retrieval = RetrievalPairs.builtIn();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < retrieval.size(); i++) {
            pairs.add(new Pair(retrieval.queries().get(i), retrieval.documents().get(i)));
            pairs.add(new Pair(retrieval.queries().get(i), retrieval.documents().get((i + 1) % retrieval.size())));
        }
        String query = retrieval.queries().get(0);
        pairs.add(new Pair(query, ProbeTexts.longText(600))); // only the passage is cut
        pairs.add(new Pair(ProbeTexts.longText(600), ProbeTexts.longText(400))); // both are cut, the longer first
        pairs.add(new Pair(ProbeTexts.longText(300), query)); // only the query is cut
        pairs.add(new Pair("", query)); // an empty text still gets its separator
        pairs.add(new Pair("Καλημέρα, τι ώρα ανοίγει το φαρμακείο;", retrieval.documents().get(1)));
        pairs.add(new Pair("東京の天気は？", "今日の東京は晴れです。"));
        pairs.add(new Pair("crème brûlée recipe", "Caramelise the sugar on the custard just before serving."));
        return List.copyOf(pairs);
    }
}
