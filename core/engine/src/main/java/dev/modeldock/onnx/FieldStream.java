package dev.modeldock.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * A protobuf stream read field by field under the rules protobuf's generated parsers follow — the
 * same length limits, nesting depth and handling of unknown fields, each failure raised by protobuf
 * itself — so that a hand-written parser which leaves fields out refuses exactly the input the
 * generated one refuses, with the same message.
 *
 * <p>Parsers match whole tags, {@code fieldNumber << 3 | wireType}, as generated ones do: a known
 * field arriving with another wire type is an unknown field to them.
 */
final class FieldStream {
    static final int VARINT = WireFormat.WIRETYPE_VARINT;
    static final int FIXED32 = WireFormat.WIRETYPE_FIXED32;
    static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
    static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    /** Reads part of a message: all its fields, or one element of a packed field. */
    interface Reading {
        void read() throws IOException;
    }

    private final CodedInputStream in;
    private final int recursionLimit;
    private int depth;

    FieldStream(CodedInputStream in) {
        this.in = in;
        this.recursionLimit = recursionLimitOf(in);
    }

    /** The next tag of the current message, 0 at its end. */
    int nextTag() throws IOException {
        return in.readTag();
    }

    /** The stream itself, for reading the value of the field whose tag was just read. */
    CodedInputStream values() {
        return in;
    }

    /** Reads a length-delimited message with a hand-written body, framed as protobuf frames it. */
    void message(Reading body) throws IOException {
        int length = in.readRawVarint32();
        in.checkRecursionLimit();
        int outerLimit = in.pushLimit(length);
        descend(1);
        body.read();
        in.checkLastTagWas(0);
        descend(-1);
        if (in.getBytesUntilLimit() != 0) {
            // Only the end of the file stops a message short of its declared length; skipping to that
            // length makes protobuf report the truncation in its own words.
            in.skipRawBytes(in.getBytesUntilLimit());
        }
        in.popLimit(outerLimit);
    }

    /** Reads a small message whole, with its generated parser. */
    <T extends MessageLite> T message(Parser<T> parser) throws IOException {
        return in.readMessage(parser, ExtensionRegistryLite.getEmptyRegistry());
    }

    /** Merges a small message into {@code builder}, as a repeated singular field merges. */
    void message(MessageLite.Builder builder) throws IOException {
        in.readMessage(builder, ExtensionRegistryLite.getEmptyRegistry());
    }

    /** Reads every element of a packed repeated field. */
    void packed(Reading element) throws IOException {
        int outerLimit = in.pushLimit(in.readRawVarint32());
        while (in.getBytesUntilLimit() > 0) {
            element.read();
        }
        in.popLimit(outerLimit);
    }

    /**
     * Skips a packed run of fixed-width numbers without reading them. A run whose length is no
     * multiple of the width fails as the generated parser fails on its last, incomplete element.
     *
     * @return how many numbers were skipped
     */
    int skipPackedFixed(int width) throws IOException {
        int length = in.readRawVarint32();
        int outerLimit = in.pushLimit(length);
        int incomplete = length % width;
        in.skipRawBytes(length - incomplete);
        if (incomplete != 0) {
            in.skipRawBytes(width); // beyond the limit: protobuf's truncation error
        }
        in.popLimit(outerLimit);
        return length / width;
    }

    /** Skips a field the caller does not keep; false when the tag ends the enclosing group. */
    boolean skip(int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_START_GROUP) {
            // Plain skipping would follow nested groups without a depth limit; this enforces it,
            // and groups (a deprecated encoding) are never large.
            return UnknownFieldSet.newBuilder().mergeFieldFrom(tag, in);
        }
        return in.skipField(tag);
    }

    /**
     * Keeps the stream's own depth limit, which guards the generated parsers of small messages,
     * counting the hand-framed messages it cannot see.
     */
    private void descend(int levels) {
        depth += levels;
        in.setRecursionLimit(recursionLimit - depth);
    }

    /** CodedInputStream has no getter for its limit, only a setter that returns the old value. */
    private static int recursionLimitOf(CodedInputStream in) {
        int limit = in.setRecursionLimit(0);
        in.setRecursionLimit(limit);
        return limit;
    }
}
