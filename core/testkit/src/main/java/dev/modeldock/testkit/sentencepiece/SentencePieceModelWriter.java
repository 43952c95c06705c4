package dev.modeldock.testkit.sentencepiece;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SentencePiece Unigram ModelProto (sentencepiece_model.proto) in protocol buffers wire format:
 * pieces 0-2 {@code <unk>} (UNKNOWN), {@code <s>} and {@code </s>} (CONTROL), then the given pieces
 * (NORMAL) with their scores; a trainer spec naming the model type and those ids; an "identity"
 * normalizer spec that adds the dummy prefix, removes extra whitespace and escapes spaces as U+2581,
 * with no character map, so normalization is whitespace handling only.
 */
public final class SentencePieceModelWriter {
    private static final int NORMAL = 1;
    private static final int UNKNOWN = 2;
    private static final int CONTROL = 3;
    private static final int UNIGRAM = 1;

    private SentencePieceModelWriter() {
    }

    /**
     * @param pieces the pieces after the three specials, in id order (from id 3), each with its
     *               score (a log probability: the higher, the likelier Viterbi picks it)
     */
    public static byte[] unigram(Map<String, Float> pieces) {
        Map<String, Float> all = new LinkedHashMap<>();
        all.put("<unk>", 0f);
        all.put("<s>", 0f);
        all.put("</s>", 0f);
        all.putAll(pieces);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            int id = 0;
            for (Map.Entry<String, Float> piece : all.entrySet()) {
                int type = id == 0 ? UNKNOWN : id < 3 ? CONTROL : NORMAL;
                out.writeBytes(1, message(o -> {
                    o.writeString(1, piece.getKey());
                    o.writeFloat(2, piece.getValue());
                    o.writeEnum(3, type);
                }));
                id++;
            }
            int vocabSize = all.size();
            out.writeBytes(2, message(o -> {
                o.writeEnum(3, UNIGRAM);
                o.writeInt32(4, vocabSize);
                o.writeInt32(40, 0); // unk_id
                o.writeInt32(41, 1); // bos_id
                o.writeInt32(42, 2); // eos_id
                o.writeInt32(43, -1); // pad_id: none, as XLM-RoBERTa's model has
            }));
            out.writeBytes(3, message(o -> {
                o.writeString(1, "identity");
                o.writeBool(3, true); // add_dummy_prefix
                o.writeBool(4, true); // remove_extra_whitespaces
                o.writeBool(5, true); // escape_whitespaces
            }));
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static ByteString message(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return ByteString.copyFrom(bytes.toByteArray());
    }
}
