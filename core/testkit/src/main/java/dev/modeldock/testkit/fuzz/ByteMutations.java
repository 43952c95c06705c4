package dev.modeldock.testkit.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Mutations that know nothing of the format: bit flips, truncation, runs of bytes inserted,
 * deleted, overwritten or repeated, and a splice of two files. Each returns new bytes and says
 * what it did, so a failing case's description tells where to look.
 */
final class ByteMutations {
    private ByteMutations() {
    }

    /** What a mutation made, and its description. */
    record Result(byte[] bytes, String description) {
    }

    /** One mutation of {@code bytes}, chosen by the dice; {@code other} is the second file of a splice. */
    static Result mutate(FuzzRandom dice, byte[] bytes, byte[] other) {
        return switch (dice.below(7)) {
            case 0 -> flipBits(dice, bytes);
            case 1 -> truncate(dice, bytes);
            case 2 -> insertRun(dice, bytes);
            case 3 -> deleteRun(dice, bytes);
            case 4 -> overwriteRun(dice, bytes);
            case 5 -> repeatRun(dice, bytes);
            default -> splice(dice, bytes, other);
        };
    }

    static Result flipBits(FuzzRandom dice, byte[] bytes) {
        byte[] out = bytes.clone();
        int flips = dice.between(1, 16);
        for (int i = 0; i < flips && out.length > 0; i++) {
            int at = dice.below(out.length);
            out[at] ^= (byte) (1 << dice.below(8));
        }
        return new Result(out, "flip " + flips + " bit(s)");
    }

    static Result truncate(FuzzRandom dice, byte[] bytes) {
        int length = dice.below(bytes.length);
        return new Result(Arrays.copyOf(bytes, length), "truncate to " + length + " of " + bytes.length + " bytes");
    }

    static Result insertRun(FuzzRandom dice, byte[] bytes) {
        int at = dice.below(bytes.length + 1);
        byte[] run = dice.chance(0.5) ? dice.bytes(dice.between(1, 64))
                : filled(dice.between(1, 4096), (byte) dice.pick(List.of(0, 0xff, 0x7f, 0x80)).intValue());
        return new Result(join(Arrays.copyOf(bytes, at), run, Arrays.copyOfRange(bytes, at, bytes.length)),
                "insert " + run.length + " byte(s) at " + at);
    }

    static Result deleteRun(FuzzRandom dice, byte[] bytes) {
        int at = dice.below(bytes.length);
        int length = Math.min(bytes.length - at, dice.between(1, 64));
        return new Result(join(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + length, bytes.length)),
                "delete " + length + " byte(s) at " + at);
    }

    static Result overwriteRun(FuzzRandom dice, byte[] bytes) {
        byte[] out = bytes.clone();
        int at = dice.below(out.length);
        byte[] run = dice.bytes(Math.min(out.length - at, dice.between(1, 16)));
        System.arraycopy(run, 0, out, at, run.length);
        return new Result(out, "overwrite " + run.length + " byte(s) at " + at);
    }

    static Result repeatRun(FuzzRandom dice, byte[] bytes) {
        int at = dice.below(bytes.length);
        int length = Math.min(bytes.length - at, dice.between(1, 128));
        byte[] run = Arrays.copyOfRange(bytes, at, at + length);
        int times = dice.between(2, 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at + length);
        for (int i = 1; i < times; i++) {
            out.writeBytes(run);
        }
        out.write(bytes, at + length, bytes.length - at - length);
        return new Result(out.toByteArray(), "repeat " + length + " byte(s) at " + at + " " + times + " times");
    }

    /** The head of one file and the tail of the other: two valid protobuf streams meet mid-field. */
    static Result splice(FuzzRandom dice, byte[] bytes, byte[] other) {
        int head = dice.below(bytes.length + 1);
        int tail = dice.below(other.length + 1);
        return new Result(join(Arrays.copyOf(bytes, head), Arrays.copyOfRange(other, tail, other.length)),
                "splice " + head + " byte(s) with the other model's bytes from " + tail);
    }

    private static byte[] filled(int length, byte value) {
        byte[] run = new byte[length];
        Arrays.fill(run, value);
        return run;
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
