package dev.modeldock.tokenizer.bpe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        JsonNode vocab = ByteLevelFiles.json(vocabFile);
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
            if (!pieces.contains(String.valueOf(byteCharacter(b)))) {
                throw new ModelDockException(where(vocabFile) + " lacks the piece for byte " + b
                        + ": a byte-level BPE vocabulary has all 256, so this is not one (or the file is cut short)");
            }
        }
        String merges = text(mergesFile);
        checkMerges(merges, pieces, mergesFile);
        return new ByteLevelVocabulary(text(vocabFile), merges);
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

    private static void checkMerges(String merges, Set<String> pieces, Path file) {
        String[] lines = merges.split("\r?\n", -1);
        int merged = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] pair = line.split(" ", -1);
            if (pair.length != 2 || !pieces.contains(pair[0]) || !pieces.contains(pair[1])
                    || !pieces.contains(pair[0] + pair[1])) {
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

    /** GPT-2's {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves, the rest count on from U+0100. */
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
