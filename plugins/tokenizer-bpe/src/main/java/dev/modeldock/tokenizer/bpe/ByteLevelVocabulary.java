package dev.modeldock.tokenizer.bpe;

import static dev.modeldock.modelfiles.ModelFiles.where;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.modelfiles.ByteLevelRules;
import dev.modeldock.modelfiles.ModelFiles;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The two files the op takes as attributes, checked before they go into a graph: {@code vocab.json}
 * a JSON object of pieces to ids holding all 256 byte characters (and the specials the family adds),
 * {@code merges.txt} an optional {@code #version} line, then one "left right" pair a line, both pieces
 * and their join in the vocabulary. A file that is not these (a truncated download, an HTML error page)
 * is named with the line or piece that gave it away, never with its content.
 *
 * @param vocabJson the vocab.json text as the op reads it
 * @param merges    the merges.txt text as the op reads it
 */
record ByteLevelVocabulary(String vocabJson, String merges) {

    /** Reads and checks {@code model}'s files for {@code family}. */
    static ByteLevelVocabulary read(ModelFolder model, ByteLevelFamily family) {
        Path vocabFile = model.require(ByteLevelFiles.VOCAB);
        Path mergesFile = model.require(ByteLevelFiles.MERGES);
        JsonNode vocab = ModelFiles.json(vocabFile);
        Set<String> pieces = pieces(vocab, vocabFile);
        List<String> required = family == ByteLevelFamily.ROBERTA ? List.of("<s>", "</s>") : List.of();
        for (String special : required) {
            if (!pieces.contains(special)) {
                throw new ModelDockException(where(vocabFile) + " has no " + special + ", which the "
                        + family.op() + " op adds around every text: it must be the vocab.json of a RoBERTa-family"
                        + " model");
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!pieces.contains(String.valueOf(ByteLevelRules.byteCharacter(b)))) {
                throw new ModelDockException(where(vocabFile) + " lacks the piece for byte " + b
                        + ": a byte-level BPE vocabulary has all 256, so this is not one (or the file is cut short)");
            }
        }
        String merges = ModelFiles.utf8(mergesFile);
        ByteLevelRules.checkMerges(merges, pieces::contains, mergesFile);
        return new ByteLevelVocabulary(ModelFiles.utf8(vocabFile), merges);
    }

    private static Set<String> pieces(JsonNode vocab, Path file) {
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new ModelDockException(where(file) + " is not a byte-level BPE vocabulary: it must be a JSON object"
                    + " of pieces and their ids");
        }
        Set<String> pieces = new HashSet<>();
        vocab.fields().forEachRemaining(entry -> {
            JsonNode id = entry.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw new ModelDockException(where(file) + " gives piece number " + (pieces.size() + 1)
                        + " an id that is not a non-negative whole number");
            }
            pieces.add(entry.getKey());
        });
        return pieces;
    }
}
