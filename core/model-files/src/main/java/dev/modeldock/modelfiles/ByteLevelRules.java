package dev.modeldock.modelfiles;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * What GPT-2's byte-level BPE and the tokenizers built on it (RoBERTa, CLIP) share in their files:
 * the byte alphabet vocab.json spells pieces in, and merges.txt's shape.
 */
public final class ByteLevelRules {
    private ByteLevelRules() {
    }

    /** GPT-2's {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves, the rest count on from U+0100. */
    public static char byteCharacter(int b) {
        int shifted = 0;
        for (int other = 0; other < b; other++) {
            shifted += printable(other) ? 0 : 1;
        }
        return printable(b) ? (char) b : (char) (256 + shifted);
    }

    /**
     * Checks merges.txt: an optional {@code #version} first line, then "left right" lines whose two
     * pieces and their join are all in the vocabulary, and at least one of them.
     *
     * @param inVocabulary whether vocab.json holds a piece
     * @param file         merges.txt, for the message
     */
    public static void checkMerges(String merges, Predicate<String> inVocabulary, Path file) {
        String[] lines = merges.split("\r?\n", -1);
        int merged = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] pair = line.split(" ", -1);
            if (pair.length != 2 || !inVocabulary.test(pair[0]) || !inVocabulary.test(pair[1])
                    || !inVocabulary.test(pair[0] + pair[1])) {
                throw new ModelDockException(ModelFiles.where(file) + ", line " + (i + 1) + ", is not a merge of two"
                        + " pieces of vocab.json into a third: merges.txt must be the one saved with the model's"
                        + " vocab.json");
            }
            merged++;
        }
        if (merged == 0) {
            throw new ModelDockException(ModelFiles.where(file) + " holds no merges: it must be the merges.txt saved"
                    + " with the model's vocab.json");
        }
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    }
}
