package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.registry.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A deployment is for one Oracle release, and a version over that release's file size limit is refused. */
class DeploymentSizeTest {
    private static final long BERT_LARGE = 1_340_000_000L;

    @Test
    void aVersionOverOneGigabyteIsRefusedFor23aiNamingQuantizationAnd26ai() {
        String why = DeploymentJob.sizeProblem(sized(BERT_LARGE, null), OracleRelease.DB_23AI).orElseThrow();
        assertEquals("version 3 of bert-large is 1340000000 bytes (1.3 GB), over the 1073741824 bytes (1 GB) Oracle"
                + " Database 23ai imports; deploy a quantized version (convert with quantize_model), or deploy to a 26ai"
                + " database with \"targetRelease\": 26", why);
        assertEquals(Optional.empty(), DeploymentJob.sizeProblem(sized(BERT_LARGE, null), OracleRelease.DB_26AI));
        assertEquals(Optional.empty(), DeploymentJob.sizeProblem(sized(1L << 30, null), OracleRelease.DB_23AI));
    }

    @Test
    void overTwoGigabytesOnlyQuantizationIsNamed() {
        String why = DeploymentJob.sizeProblem(sized(1L << 31, null), OracleRelease.DB_23AI).orElseThrow();
        assertTrue(why.contains("quantize_model"), why);
        assertFalse(why.contains("26ai"), "26ai would refuse it too: " + why);
    }

    @Test
    void aDeploymentIsForTheReleaseAskedForElseTheOneTheVersionWasFiledForElse23ai() {
        DeploymentRequest unnamed = new DeploymentRequest("bert-large", 3, null, "files", null, false, null);
        assertEquals(OracleRelease.DB_23AI, unnamed.release(sized(1, null)));
        assertEquals(OracleRelease.DB_26AI, unnamed.release(sized(1, "{\"targetRelease\": 26}")));
        assertEquals(OracleRelease.DB_23AI, unnamed.release(sized(1, "{\"targetRelease\": 24}")),
                "uploads once took 24, which follows 23ai's rules");
        DeploymentRequest for23 = new DeploymentRequest("bert-large", 3, null, "files", null, false, 23);
        assertEquals(OracleRelease.DB_23AI, for23.release(sized(1, "{\"targetRelease\": 26}")));
    }

    private static Version sized(long bytes, String validation) {
        return new Version("bert-large", 3, "a".repeat(64), bytes, null, null, "{}", validation, null, "alice",
                Instant.EPOCH, List.of());
    }
}
