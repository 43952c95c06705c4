package dev.modeldock.tokenizer.sentencepiece;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A serialized SentencePiece ModelProto, read only as far as needed to know it is one and that its
 * first pieces are {@code <unk>}, {@code <s>}, {@code </s>}: the layout the op's {@code fairseq}
 * flag turns into XLM-RoBERTa's ids. The op gets the bytes untouched.
 *
 * @param bytes  the file's bytes
 * @param pieces the pieces' strings, in id order
 */
record SentencePieceModel(byte[] bytes, List<String> pieces) {
    /** The file name XLM-RoBERTa and its relatives give the model. */
    static final String FILE = "sentencepiece.bpe.model";
    /** The pieces the fairseq mapping (0→3, 1→0, 2→2, x→x+1) assumes. */
    static final List<String> FAIRSEQ_LAYOUT = List.of("<unk>", "<s>", "</s>");

    /** Reads and checks {@code file}; every problem is a {@link ModelDockException} naming it. */
    static SentencePieceModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + where(file) + ": " + e.getMessage(), e);
        }
        List<String> pieces;
        try {
            pieces = pieces(bytes);
        } catch (IllegalArgumentException e) {
            throw new ModelDockException(where(file) + " is not a SentencePiece model (" + e.getMessage()
                    + "); it must be the sentencepiece.bpe.model file the model was trained with");
        }
        if (pieces.size() <= FAIRSEQ_LAYOUT.size()
                || !pieces.subList(0, FAIRSEQ_LAYOUT.size()).equals(FAIRSEQ_LAYOUT)) {
            throw new ModelDockException(where(file) + " starts with the pieces "
                    + pieces.subList(0, Math.min(pieces.size(), FAIRSEQ_LAYOUT.size())) + ", not " + FAIRSEQ_LAYOUT
                    + ": only XLM-RoBERTa's layout, whose ids the op's fairseq mapping produces, is supported");
        }
        return new SentencePieceModel(bytes, List.copyOf(pieces));
    }

    /** XLM-RoBERTa's id of {@code piece}: its SentencePiece id plus one, or {@code <unk>}'s (3) if absent. */
    long fairseqId(String piece) {
        int id = pieces.indexOf(piece);
        return id < FAIRSEQ_LAYOUT.size() ? 3 : id + 1;
    }

    /**
     * The strings of the ModelProto's pieces (field 1, each a SentencePiece whose field 1 is the text),
     * read with protobuf's schema-less parser: the plugin needs two fields of sentencepiece_model.proto,
     * not its generated classes.
     */
    private static List<String> pieces(byte[] bytes) {
        List<String> pieces = new ArrayList<>();
        try {
            for (ByteString entry : UnknownFieldSet.parseFrom(bytes).getField(1).getLengthDelimitedList()) {
                List<ByteString> text = UnknownFieldSet.parseFrom(entry).getField(1).getLengthDelimitedList();
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("piece " + pieces.size() + " has no text");
                }
                pieces.add(text.get(0).toStringUtf8());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("it holds no pieces");
        }
        return pieces;
    }

    private static String where(Path file) {
        return file.getFileName() + " in " + file.getParent();
    }
}
