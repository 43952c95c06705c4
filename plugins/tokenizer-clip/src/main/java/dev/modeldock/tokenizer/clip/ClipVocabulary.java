package dev.modeldock.tokenizer.clip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        Map<String, Long> ids = ids(ClipFiles.json(vocabFile), vocabFile);
        for (String special : new String[] {ClipFiles.START, ClipFiles.END}) {
            if (!ids.containsKey(special)) {
                throw new ModelDockException(where(vocabFile) + " has no " + special + ", which the CLIPTokenizer op"
                        + " adds around every text: it must be the vocab.json of a CLIP model");
            }
        }
        for (int b = 0; b < 256; b++) {
            String piece = String.valueOf(byteCharacter(b));
            if (!ids.containsKey(piece) || !ids.containsKey(piece + ClipFiles.SUFFIX)) {
                throw new ModelDockException(where(vocabFile) + " lacks the piece for byte " + b + " (alone or with "
                        + ClipFiles.SUFFIX + "): a CLIP vocabulary has all 512, so this is not one (or the file is cut"
                        + " short)");
            }
        }
        String merges = text(mergesFile);
        checkMerges(merges, ids, mergesFile);
        return new ClipVocabulary(text(vocabFile), merges, Map.copyOf(ids));
    }

    /** The id of the piece for byte {@code b}, alone or ending a word. */
    long byteId(int b, boolean endOfWord) {
        return ids.get(byteCharacter(b) + (endOfWord ? ClipFiles.SUFFIX : ""));
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

    private static void checkMerges(String merges, Map<String, Long> ids, Path file) {
        String[] lines = merges.split("\r?\n", -1);
        int merged = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] pair = line.split(" ", -1);
            if (pair.length != 2 || !ids.containsKey(pair[0]) || !ids.containsKey(pair[1])
                    || !ids.containsKey(pair[0] + pair[1])) {
                throw new ModelDockException(where(file) + ", line " + (i + 1) + ", is not a merge of two pieces"
                        + " of vocab.json into a third: merges.txt must be the one saved with the model's vocab.json");
            }
            merged++;
        }
        if (merged == 0) {
            throw new ModelDockException(where(file) + " holds no merges: it must be the merges.txt saved with the"
                    + " model's vocab.json");
        }
    }

    private static String text(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ModelDockException(where(file) + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + where(file) + ": " + e.getMessage(), e);
        }
    }

    /** GPT-2's {@code bytes_to_unicode}, which CLIP shares: printable Latin-1 bytes as themselves, the rest from U+0100. */
    private static char byteCharacter(int b) {
        int shifted = 0;
        for (int other = 0; other < b; other++) {
            shifted += printable(other) ? 0 : 1;
        }
        return printable(b) ? (char) b : (char) (256 + shifted);
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    }

    private static String where(Path file) {
        return file.getFileName() + " in " + file.getParent();
    }
}
