package dev.modeldock.tokenizer.clip;

import static dev.modeldock.modelfiles.ModelFiles.where;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.modelfiles.ByteLevelRules;
import dev.modeldock.modelfiles.ModelFiles;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CLIP's two files as the op takes them, checked before they go into a graph: {@code vocab.json} a
 * JSON object of pieces to ids holding every byte character alone and with {@code </w>}, and the
 * start and end tokens; {@code merges.txt} an optional {@code #version} line, then one "left right"
 * pair a line, both pieces and their join in the vocabulary. A file that is not these is named with
 * the line or piece that gave it away, never with its content.
 *
 * @param vocabJson the vocab.json text as the op reads it
 * @param merges    the merges.txt text as the op reads it
 * @param ids       every piece's id
 */
record ClipVocabulary(String vocabJson, String merges, Map<String, Long> ids) {

    static ClipVocabulary read(ModelFolder model) {
        Path vocabFile = model.require(ClipFiles.VOCAB);
        Path mergesFile = model.require(ClipFiles.MERGES);
        Map<String, Long> ids = ids(ModelFiles.json(vocabFile), vocabFile);
        for (String special : new String[] {ClipFiles.START, ClipFiles.END}) {
            if (!ids.containsKey(special)) {
                throw new ModelDockException(where(vocabFile) + " has no " + special + ", which the CLIPTokenizer op"
                        + " adds around every text: it must be the vocab.json of a CLIP model");
            }
        }
        for (int b = 0; b < 256; b++) {
            String piece = String.valueOf(ByteLevelRules.byteCharacter(b));
            if (!ids.containsKey(piece) || !ids.containsKey(piece + ClipFiles.SUFFIX)) {
                throw new ModelDockException(where(vocabFile) + " lacks the piece for byte " + b + " (alone or with "
                        + ClipFiles.SUFFIX + "): a CLIP vocabulary has all 512, so this is not one (or the file is cut"
                        + " short)");
            }
        }
        String merges = ModelFiles.utf8(mergesFile);
        ByteLevelRules.checkMerges(merges, ids::containsKey, mergesFile);
        return new ClipVocabulary(ModelFiles.utf8(vocabFile), merges, Map.copyOf(ids));
    }

    /** The id of the piece for byte {@code b}, alone or ending a word. */
    long byteId(int b, boolean endOfWord) {
        return ids.get(ByteLevelRules.byteCharacter(b) + (endOfWord ? ClipFiles.SUFFIX : ""));
    }

    private static Map<String, Long> ids(JsonNode vocab, Path file) {
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new ModelDockException(where(file) + " is not a CLIP vocabulary: it must be a JSON object of pieces"
                    + " and their ids");
        }
        Map<String, Long> ids = new HashMap<>();
        vocab.fields().forEachRemaining(entry -> {
            JsonNode id = entry.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw new ModelDockException(where(file) + " gives piece number " + (ids.size() + 1)
                        + " an id that is not a non-negative whole number");
            }
            ids.put(entry.getKey(), id.asLong());
        });
        return ids;
    }
}
