package dev.modeldock.benchmark;

import dev.modeldock.validation.ProbeText;
import dev.modeldock.validation.ProbeTexts;
import dev.modeldock.validation.RetrievalPairs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The texts the benchmarks embed: fixed, so that runs and formats compare on the same work. */
final class BenchmarkTexts {
    /** Sentences per paragraph: about 600 characters, 130 tokens, half MiniLM's 256. */
    static final int SENTENCES_PER_PARAGRAPH = 6;

    private BenchmarkTexts() {
    }

    /** Short ASCII probes cycled to {@code count} texts: what a search application embeds most. */
    static List<String> shortProbes(int count) {
        List<String> ascii = ProbeTexts.builtIn().stream().filter(p -> p.script() == ProbeText.Script.ASCII)
                .map(ProbeText::text).filter(t -> t.length() < 300).toList();
        return IntStream.range(0, count).mapToObj(i -> ascii.get(i % ascii.size())).toList();
    }

    /**
     * What a retrieval application embeds, in realistic lengths: the built-in retrieval set's queries
     * (20 to 100 characters) and documents (one or two sentences), and paragraphs of
     * {@value #SENTENCES_PER_PARAGRAPH} documents each.
     */
    static List<String> realistic() {
        RetrievalPairs pairs = RetrievalPairs.builtIn();
        List<String> texts = new ArrayList<>(pairs.queries());
        texts.addAll(pairs.documents());
        List<String> documents = pairs.documents();
        for (int start = 0; start + SENTENCES_PER_PARAGRAPH <= documents.size(); start += SENTENCES_PER_PARAGRAPH) {
            texts.add(String.join(" ", documents.subList(start, start + SENTENCES_PER_PARAGRAPH)));
        }
        return List.copyOf(texts);
    }
}
