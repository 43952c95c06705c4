package dev.modeldock.testkit.bpe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GPT-2's real vocabulary and merges, rebuilt from the copy Maven Central ships: jtokkit's
 * {@code r50k_base.tiktoken}, GPT-2's encoding as tiktoken stores it (each token's bytes, base64, and
 * its rank, which is its GPT-2 id). Token {@code r} from 256 on was made by merge {@code r - 256}; its
 * two halves are what BPE with only the lower ranks leaves of its bytes, as tiktoken's own converter
 * to Hugging Face's format finds them.
 */
public final class Gpt2Vocabulary {
    private static final String RESOURCE = "/com/knuddels/jtokkit/r50k_base.tiktoken";
    private static ByteLevelBpe loaded;

    private Gpt2Vocabulary() {
    }

    /** GPT-2's 50,256 pieces in id order and its 50,000 merges (without {@code <|endoftext|>}). */
    public static synchronized ByteLevelBpe load() {
        if (loaded == null) {
            loaded = read();
        }
        return loaded;
    }

    private static ByteLevelBpe read() {
        List<byte[]> tokens = new ArrayList<>();
        try (InputStream in = Gpt2Vocabulary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (com.knuddels:jtokkit)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.split(" ");
                if (Integer.parseInt(parts[1]) != tokens.size()) {
                    throw new IllegalStateException("ranks out of order at " + tokens.size());
                }
                tokens.add(Base64.getDecoder().decode(parts[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> ranks = new HashMap<>();
        List<String> pieces = new ArrayList<>();
        for (byte[] token : tokens) {
            String piece = spell(token);
            ranks.put(piece, pieces.size());
            pieces.add(piece);
        }
        List<List<String>> merges = new ArrayList<>();
        for (int rank = 256; rank < pieces.size(); rank++) {
            merges.add(halves(pieces.get(rank), rank, ranks));
        }
        return new ByteLevelBpe(pieces, merges);
    }

    /** The two pieces BPE over ranks below {@code rank} leaves of {@code piece}. */
    private static List<String> halves(String piece, int rank, Map<String, Integer> ranks) {
        List<String> parts = new ArrayList<>();
        piece.chars().forEach(c -> parts.add(Character.toString(c)));
        while (parts.size() > 2) {
            int best = -1;
            int bestRank = rank;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer joined = ranks.get(parts.get(i) + parts.get(i + 1));
                if (joined != null && joined < bestRank) {
                    best = i;
                    bestRank = joined;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("token " + rank + " is not one merge of lower-ranked tokens");
            }
            parts.set(best, parts.get(best) + parts.remove(best + 1));
        }
        return List.copyOf(parts);
    }

    private static String spell(byte[] token) {
        StringBuilder piece = new StringBuilder();
        for (byte b : token) {
            piece.append(ByteLevelAlphabet.of(b));
        }
        return piece.toString();
    }
}
