package dev.modeldock.tokenizer.sentencepiece;

/**
 * Just enough of the protocol buffers wire format to walk a message's fields, so the plugin needs no
 * protobuf library of its own. Malformed input is an {@link IllegalArgumentException} saying where.
 */
final class ProtoReader {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int end;
    private int position;

    ProtoReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    /** A field's number, wire type, and for length-delimited fields its length. */
    record Field(int number, int wireType, int length) {
        boolean isBytes() {
            return wireType == LENGTH_DELIMITED;
        }
    }

    boolean hasMore() {
        return position < end;
    }

    Field next() {
        long tag = varint();
        int number = (int) (tag >>> 3);
        int wireType = (int) (tag & 7);
        if (number == 0) {
            throw new IllegalArgumentException("field number 0 at byte " + position);
        }
        int length = 0;
        if (wireType == LENGTH_DELIMITED) {
            long declared = varint();
            if (declared < 0 || declared > end - position) {
                throw new IllegalArgumentException("field " + number + " runs past the end at byte " + position);
            }
            length = (int) declared;
        } else if (wireType != VARINT && wireType != FIXED64 && wireType != FIXED32) {
            throw new IllegalArgumentException("unknown wire type " + wireType + " at byte " + position);
        }
        return new Field(number, wireType, length);
    }

    /** The length-delimited field just read, as a message to walk. */
    ProtoReader message(Field field) {
        ProtoReader inner = new ProtoReader(bytes, position, position + field.length());
        position += field.length();
        return inner;
    }

    /** The length-delimited field just read, as bytes. */
    byte[] bytes(Field field) {
        byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + field.length());
        position += field.length();
        return value;
    }

    void skip(Field field) {
        int size = switch (field.wireType()) {
            case VARINT -> {
                varint();
                yield 0;
            }
            case FIXED64 -> 8;
            case FIXED32 -> 4;
            default -> field.length();
        };
        if (size > end - position) {
            throw new IllegalArgumentException("field " + field.number() + " runs past the end");
        }
        position += size;
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new IllegalArgumentException("truncated at byte " + position);
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint at byte " + position);
    }
}
