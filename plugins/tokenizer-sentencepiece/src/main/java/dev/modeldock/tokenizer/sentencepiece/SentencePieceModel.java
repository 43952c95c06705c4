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
 * flag turns into XLM-RoBERTa's ids. The op gets the bytes untouched; {@link #keepingWhitespace()}
 * is the one variant the plugin makes.
 *
 * @param bytes  the file's bytes
 * @param pieces the pieces' strings, in id order
 */
record SentencePieceModel(byte[] bytes, List<String> pieces) {
    /** The file name XLM-RoBERTa and its relatives give the model. */
    static final String FILE = "sentencepiece.bpe.model";
    /** The pieces the fairseq mapping (0→3, 1→0, 2→2, x→x+1) assumes. */
    static final List<String> FAIRSEQ_LAYOUT = List.of("<unk>", "<s>", "</s>");
    /** sentencepiece_model.proto: ModelProto.normalizer_spec and NormalizerSpec.remove_extra_whitespaces. */
    private static final int NORMALIZER_SPEC = 3;
    private static final int REMOVE_EXTRA_WHITESPACES = 4;

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

    boolean has(String piece) {
        return pieces.indexOf(piece) >= FAIRSEQ_LAYOUT.size();
    }

    /**
     * The same model with its normalizer's {@code remove_extra_whitespaces} off, so that a text's
     * trailing spaces become {@code \u2581} pieces instead of being dropped: ModelProto field 3 is the
     * NormalizerSpec, whose field 4 is that flag (true when absent). Everything else, the character
     * map included, is kept, so the variant sees exactly the spaces the model's normalization makes.
     */
    byte[] keepingWhitespace() {
        try {
            UnknownFieldSet proto = UnknownFieldSet.parseFrom(bytes);
            List<ByteString> specs = proto.getField(NORMALIZER_SPEC).getLengthDelimitedList();
            UnknownFieldSet spec = specs.isEmpty() ? UnknownFieldSet.getDefaultInstance()
                    : UnknownFieldSet.parseFrom(specs.get(specs.size() - 1));
            UnknownFieldSet keeping = UnknownFieldSet.newBuilder(spec).clearField(REMOVE_EXTRA_WHITESPACES)
                    .addField(REMOVE_EXTRA_WHITESPACES, UnknownFieldSet.Field.newBuilder().addVarint(0).build())
                    .build();
            return UnknownFieldSet.newBuilder(proto).clearField(NORMALIZER_SPEC).addField(NORMALIZER_SPEC,
                    UnknownFieldSet.Field.newBuilder().addLengthDelimited(keeping.toByteString()).build())
                    .build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            // read() parsed these bytes already.
            throw new IllegalStateException(e);
        }
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
