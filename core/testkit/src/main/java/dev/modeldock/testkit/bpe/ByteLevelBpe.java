package dev.modeldock.testkit.bpe;

import java.util.List;

/**
 * A byte-level BPE vocabulary without special tokens.
 *
 * @param pieces the pieces in id order: the 256 byte characters of {@link ByteLevelAlphabet} and one
 *               per merge (a piece two merges spell appears once)
 * @param merges the merges, best (earliest) first, each two pieces
 */
public record ByteLevelBpe(List<String> pieces, List<List<String>> merges) {
    public ByteLevelBpe {
        pieces = List.copyOf(pieces);
        merges = List.copyOf(merges);
    }

    /** merges.txt as Hugging Face saves it: a version line, then one "left right" pair a line. */
    public String mergesTxt() {
        StringBuilder text = new StringBuilder("#version: 0.2\n");
        merges.forEach(pair -> text.append(pair.get(0)).append(' ').append(pair.get(1)).append('\n'));
        return text.toString();
    }
}
