package dev.modeldock.testkit.bpe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Learns byte-level BPE merges from a corpus as GPT-2's vocabulary was learnt: split the text into
 * words with GPT-2's pattern, spell each word in {@link ByteLevelAlphabet} characters, then again and
 * again merge the most frequent adjacent pair (ties broken by the pair's text, so the result is the
 * same on every run).
 */
public final class ByteLevelBpeTrainer {
    /** Plain English about databases and search: common words become whole pieces, rare ones split. */
    public static final String ENGLISH = """
            The database keeps every vector beside the rows it describes, so that a query can rank documents
            by meaning rather than by exact words. The quick brown fox jumps over the lazy dog. Hello, world!
            What is the capital of France? How do I reset my password if I no longer have access to my account?
            I can't believe it's not butter; they're sure it isn't. Oracle Database stores vectors next to
            relational data. Machine learning models convert text into dense numerical representations.
            Transformers use self-attention to weigh the importance of each token in a sequence. It was the
            best of times, it was the worst of times, it was the age of wisdom. The model reads the text, the
            tokenizer splits the text into pieces, and the encoder turns the pieces into numbers. Search the
            documents, select the rows, order the results, and return the best matches to the user. Prices
            rose in the third quarter of the year, and the team released a new version of the software.
            """;

    private ByteLevelBpeTrainer() {
    }

    /** {@code count} merges learnt from {@code corpus} (fewer if the words run out of pairs). */
    public static ByteLevelBpe train(String corpus, int count) {
        Map<List<String>, Integer> words = new LinkedHashMap<>();
        Matcher word = ByteLevelAlphabet.WORDS.matcher(corpus);
        while (word.find()) {
            List<String> symbols = new ArrayList<>();
            ByteLevelAlphabet.encode(word.group()).chars().forEach(c -> symbols.add(Character.toString(c)));
            words.merge(symbols, 1, Integer::sum);
        }
        List<List<String>> merges = merges(words, count);
        List<String> pieces = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            pieces.add(String.valueOf(ByteLevelAlphabet.of(b)));
        }
        merges.forEach(pair -> pieces.add(pair.get(0) + pair.get(1)));
        // Two merges may spell the same piece ("a"+"bc", "ab"+"c"): it has one id, the first.
        return new ByteLevelBpe(List.copyOf(new LinkedHashSet<>(pieces)), merges);
    }

    /**
     * {@code count} merges learnt from {@code words} (each spelt as symbols, with its frequency), the
     * most frequent adjacent pair first; fewer if the words run out of pairs.
     */
    static List<List<String>> merges(Map<List<String>, Integer> words, int count) {
        List<List<String>> merges = new ArrayList<>();
        while (merges.size() < count) {
            Map<List<String>, Integer> pairs = new HashMap<>();
            words.forEach((symbols, frequency) -> {
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    pairs.merge(List.of(symbols.get(i), symbols.get(i + 1)), frequency, Integer::sum);
                }
            });
            List<String> best = pairs.entrySet().stream().max(Map.Entry.<List<String>, Integer>comparingByValue()
                    .thenComparing(e -> e.getKey().get(0) + " " + e.getKey().get(1),
                            Comparator.reverseOrder())).map(Map.Entry::getKey).orElse(null);
            if (best == null) {
                break;
            }
            merges.add(best);
            Map<List<String>, Integer> merged = new LinkedHashMap<>();
            words.forEach((symbols, frequency) -> merged.merge(apply(symbols, best), frequency, Integer::sum));
            words = merged;
        }
        return merges;
    }

    private static List<String> apply(List<String> symbols, List<String> pair) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(pair.get(0)) && symbols.get(i + 1).equals(pair.get(1))) {
                out.add(pair.get(0) + pair.get(1));
                i++;
            } else {
                out.add(symbols.get(i));
            }
        }
        return out;
    }
}
