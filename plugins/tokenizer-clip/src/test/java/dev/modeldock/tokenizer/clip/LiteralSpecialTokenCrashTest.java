package dev.modeldock.tokenizer.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.bpe.ClipBpeFiles;
import dev.modeldock.testkit.jvm.ChildJvm;
import dev.modeldock.testkit.plugin.TokenizerGraphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins down the hazard README names, so that README changes when the op does: onnxruntime-extensions
 * 0.13.0's CLIPTokenizer crashes the process (a segmentation fault, read past an empty word) on a text
 * with a space right before a literal {@code <|endoftext|>}; without the space it tokenizes. Each text
 * runs in a child JVM of its own, which the crash may kill.
 */
class LiteralSpecialTokenCrashTest {
    @TempDir
    Path dir;

    @Test
    void aSpaceBeforeALiteralEndOfTextTokenCrashesTheProcessWithoutItTheTextTokenizes() throws Exception {
        Path graph = TokenizerGraphs.write(new ClipTokenizer(), ClipBpeFiles.small().writeInto(dir),
                new TokenizerOptions(true, 77), TokenizerGraphs.Output.INPUT_IDS, "tokenizer.onnx");
        assertEquals(0, tokenizeInAChild(graph, "hello<|endoftext|>"), "no space before the special token");
        assertNotEquals(0, tokenizeInAChild(graph, "hello <|endoftext|>"), "a space before the special token");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err_")),
                    "the JVM wrote a crash report: the native code failed, not Java");
        }
    }

    private int tokenizeInAChild(Path graph, String text) throws Exception {
        try (ChildJvm child = ChildJvm.java(TokenizeOnce.class.getName(), graph.toString(), text)
                .jvmOptions("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log")).logs(dir.resolve("logs"), "tokenize")
                .start()) {
            return child.waitFor(Duration.ofMinutes(1));
        }
    }

    /** The child: tokenizes one text with the graph and prints the ids. */
    public static final class TokenizeOnce {
        public static void main(String[] args) {
            try (PipelineSession session = PipelineSession.open(Path.of(args[0]), 1)) {
                System.out.println(Arrays.toString(session.tokenIds(args[1])));
            }
        }
    }
}
