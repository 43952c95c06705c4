package dev.modeldock.validation;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whether the in-graph tokenizer and the reference fold case the same way. When the configured
 * {@code do_lower_case} contradicts the model's own tokenizer, every text with a capital letter
 * tokenizes differently; saying so in one line, before any probe text runs, replaces a list of
 * every text whose ids differ.
 *
 * <p>Each side is asked rather than its files read: a tokenizer folds case if a text and its
 * upper-case form give the same ids, whichever normalizer does it.
 */
final class CaseAgreement {
    private static final String SAMPLE = "the quick brown fox reads the database manual";

    private CaseAgreement() {
    }

    /**
     * @param configured the configuration's do_lower_case, which the in-graph tokenizer follows
     * @throws ModelDockException when the configuration and the reference disagree and the
     *                            in-graph tokenizer follows the configuration
     */
    static void require(boolean configured, PipelineSession graphTokenizer, ReferenceEmbedder reference) {
        boolean referenceFolds = folds(reference.tokenIds(SAMPLE), reference.tokenIds(upper()));
        boolean graphFolds = folds(graphTokenizer.tokenIds(SAMPLE), graphTokenizer.tokenIds(upper()));
        if (configured == referenceFolds || graphFolds == referenceFolds) {
            return;
        }
        throw new ModelDockException(referenceFolds
                ? "do_lower_case is false, but the model's tokenizer (tokenizer.json) lowercases text, so no text with"
                        + " a capital letter would match the reference: set do_lower_case to true"
                : "do_lower_case is true, but the model's tokenizer (tokenizer.json) keeps case (a cased vocabulary),"
                        + " so no text with a capital letter would match the reference: set do_lower_case to false");
    }

    private static String upper() {
        return SAMPLE.toUpperCase(Locale.ROOT);
    }

    private static boolean folds(long[] lower, long[] upper) {
        return Arrays.equals(lower, upper);
    }
}
