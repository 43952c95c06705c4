package dev.modeldock.tokenizer.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.text.MultilingualProbes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token-id agreement between the plugin's in-graph tokenizer and Hugging Face's (DJL reading the same
 * tokenizer.json) on the multilingual probe set, per writing system, for three real uncased models:
 * "before" is the op with the attributes alone, "after" the plugin as it builds the graph today (with
 * {@link UnicodeAliases}). Emoji lines have characters above U+FFFF and are printed, not judged.
 */
class MultilingualAgreementTest {
    /** What the plugin reached when the aliases came in, less two lines and one point (so a regression fails). */
    private static final Map<String, Agreement> FLOORS = Map.of(
            "latin", new Agreement(19, 36, 0.895),
            "greek", new Agreement(28, 30, 0.99),
            "cyrillic", new Agreement(30, 32, 0.99),
            "japanese", new Agreement(22, 30, 0.976),
            "arabic", new Agreement(20, 30, 0.982),
            "chinese", new Agreement(30, 30, 1.0));

    @TempDir
    static Path dir;
    static final List<Measured> MEASURED = new ArrayList<>();

    record Measured(String model, String system, Agreement before, Agreement after, List<String> broken) {
    }

    @BeforeAll
    static void measure() throws Exception {
        Map<String, List<String>> probes = MultilingualProbes.byWritingSystem();
        for (RealTokenizers.Model model : RealTokenizers.MODELS) {
            Path folder = model.folder(dir);
            TokenizerOptions options = new TokenizerOptions(true, 512);
            Path after = TokenizerFixtures.write(TokenizerFixtures.idsGraph(new ModelFolder(model.hubId(), folder),
                    options), folder.resolve("after.onnx"));
            Path before = TokenizerFixtures.write(OpOnlyGraph.of(WordPieceFiles.read(new ModelFolder(model.hubId(),
                    folder)), options), folder.resolve("before.onnx"));
            try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(folder.resolve("tokenizer.json")).optMaxLength(512).optTruncation(true)
                    .optPadding(false).optAddSpecialTokens(true).build();
                    PipelineSession beforeSession = PipelineSession.open(before, 1);
                    PipelineSession afterSession = PipelineSession.open(after, 1)) {
                probes.forEach((system, texts) -> {
                    long[][] expected = new long[texts.size()][];
                    long[][] was = new long[texts.size()][];
                    long[][] is = new long[texts.size()][];
                    List<String> broken = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) {
                        expected[i] = reference.encode(texts.get(i)).getIds();
                        was[i] = beforeSession.tokenIds(texts.get(i));
                        is[i] = afterSession.tokenIds(texts.get(i));
                        if (java.util.Arrays.equals(expected[i], was[i]) && !java.util.Arrays.equals(expected[i], is[i])) {
                            broken.add(texts.get(i));
                        }
                    }
                    MEASURED.add(new Measured(model.hubId(), system, Agreement.of(expected, was),
                            Agreement.of(expected, is), broken));
                });
            }
        }
        System.out.println("identical lines and token agreement with Hugging Face's tokenizer, before -> after:");
        MEASURED.forEach(m -> System.out.printf("%-40s %-10s %s -> %s%n", m.model(), m.system(), m.before(),
                m.after()));
    }

    @Test
    void noWritingSystemAgreesLessThanWithTheAttributesAlone() {
        for (Measured m : judged()) {
            String where = m.model() + " " + m.system() + ": " + m.before() + " -> " + m.after();
            assertTrue(m.after().identicalLines() >= m.before().identicalLines(), where);
            assertTrue(m.after().tokenAgreement() >= m.before().tokenAgreement() - 1e-9, where);
            assertEquals(List.of(), m.broken(), where + ": lines that agreed before and no longer do");
        }
    }

    @Test
    void asciiTextAgreesOnEveryLine() {
        judged().stream().filter(m -> m.system().equals("ascii")).forEach(m -> {
            assertEquals(m.after().lines(), m.after().identicalLines(), m.model() + ": " + m.after());
            assertEquals(1.0, m.after().tokenAgreement(), 1e-12, m.model());
        });
    }

    @Test
    void improvedWritingSystemsKeepTheAgreementMeasuredWhenTheAliasesCameIn() {
        for (Measured m : judged()) {
            Agreement floor = FLOORS.get(m.system());
            if (floor != null) {
                String where = m.model() + " " + m.system() + ": " + m.after() + ", floor " + floor;
                assertTrue(m.after().identicalLines() >= floor.identicalLines(), where);
                assertTrue(m.after().tokenAgreement() >= floor.tokenAgreement(), where);
            }
        }
    }

    @Test
    void everyWritingSystemThatFallsShortHasAKnownLimitAndNoOtherHasOne() throws Exception {
        for (RealTokenizers.Model model : RealTokenizers.MODELS) {
            Map<String, String> limits = new WordPieceTokenizer().knownLimits(
                    new ModelFolder(model.hubId(), model.folder(dir)), new TokenizerOptions(true, 512));
            Map<String, Boolean> shortOf = new java.util.TreeMap<>();
            judged().stream().filter(m -> m.model().equals(model.hubId())).forEach(m -> shortOf.merge(
                    reportName(m.system()), m.after().identicalLines() < m.after().lines(), Boolean::logicalOr));
            shortOf.forEach((system, isShort) -> assertEquals(isShort, limits.containsKey(system), model.hubId()
                    + " " + system + (isShort ? " falls short but known-limits.tsv gives no reason"
                            : " agrees fully but known-limits.tsv names it")));
            assertTrue(limits.containsKey(MultilingualProbes.EMOJI), "the emoji lines are printed, not judged: say why");
        }
    }

    @Test
    void aVocabularyReadWithAccentsKeptDeclaresNoLimitsMeasuredOnlyForUncasedOnes() throws Exception {
        RealTokenizers.Model model = RealTokenizers.MODELS.get(0);
        assertEquals(Map.of(), new WordPieceTokenizer().knownLimits(new ModelFolder(model.hubId(), model.folder(dir)),
                new TokenizerOptions(false, 512)));
    }

    /** The validation report's writing system for a probe set's: Chinese and Japanese are both CJK there. */
    private static String reportName(String probeSystem) {
        return probeSystem.equals("chinese") || probeSystem.equals("japanese") ? "cjk" : probeSystem;
    }

    /** Everything but the emoji lines, which reach the op from Java differently than from a database. */
    private static List<Measured> judged() {
        return MEASURED.stream().filter(m -> !m.system().equals(MultilingualProbes.EMOJI)).toList();
    }
}
