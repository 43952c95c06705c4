package dev.modeldock.tokenizer.bert;

/**
 * How far one tokenizer's ids agree with the reference's on a set of lines: lines whose ids are
 * identical, and token agreement (for each line, twice the longest common subsequence of the two id
 * sequences over their total length, averaged over the lines).
 */
record Agreement(int identicalLines, int lines, double tokenAgreement) {

    static Agreement of(long[][] reference, long[][] candidate) {
        int identical = 0;
        double tokens = 0;
        for (int i = 0; i < reference.length; i++) {
            if (java.util.Arrays.equals(reference[i], candidate[i])) {
                identical++;
            }
            tokens += 2.0 * commonSubsequence(reference[i], candidate[i])
                    / (reference[i].length + candidate[i].length);
        }
        return new Agreement(identical, reference.length, reference.length == 0 ? 1 : tokens / reference.length);
    }

    double lineShare() {
        return lines == 0 ? 1 : (double) identicalLines / lines;
    }

    @Override
    public String toString() {
        return String.format("%2d/%-2d %5.1f%%", identicalLines, lines, 100 * tokenAgreement);
    }

    private static int commonSubsequence(long[] a, long[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (long x : a) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }
}
