package dev.modeldock.testkit.plugin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Setting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract passes targets whose declaration and check agree, and names the disagreement in those that do not. */
class ExportTargetContractTest {
    private static final Map<String, String> EXAMPLE = Map.of("bucket", "models", "retries", "3");

    @Test
    void aTargetThatRefusesAMissingRequiredSettingByNamePasses() {
        ExportTargetContract.assertDeclarationMatchesCheck(new Bucket(true, List.of()), "m", EXAMPLE);
    }

    @Test
    void aTargetWhoseCheckIgnoresARequiredSettingFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ExportTargetContract.assertDeclarationMatchesCheck(
                new Bucket(false, List.of()), "m", EXAMPLE));
        assertTrue(e.getMessage().contains("declares 'bucket' required, but check accepts settings without it"),
                e.getMessage());
    }

    @Test
    void anExampleWithAnUndeclaredOrMistypedSettingFails() {
        AssertionError undeclared = assertThrows(AssertionError.class,
                () -> ExportTargetContract.assertDeclarationMatchesCheck(new Bucket(true, List.of()), "m",
                        Map.of("bucket", "models", "region", "eu")));
        assertTrue(undeclared.getMessage().contains("setting 'region' is not declared"), undeclared.getMessage());
        AssertionError mistyped = assertThrows(AssertionError.class,
                () -> ExportTargetContract.assertDeclarationMatchesCheck(new Bucket(true, List.of()), "m",
                        Map.of("bucket", "models", "retries", "three")));
        assertTrue(mistyped.getMessage().contains("'retries' is 'three', not of type integer"), mistyped.getMessage());
    }

    @Test
    void aSettingDeclaredTwiceFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ExportTargetContract.assertDeclarationMatchesCheck(
                new Bucket(true, List.of(Setting.of("bucket", Setting.Type.STRING, "again"))), "m", EXAMPLE));
        assertTrue(e.getMessage().contains("declares the setting 'bucket' twice"), e.getMessage());
    }

    /** Stores into a bucket; with {@code checksBucket} false, its check forgets the required setting. */
    private record Bucket(boolean checksBucket, List<Setting> extra) implements ExportTarget {
        @Override
        public String name() {
            return "bucket";
        }

        @Override
        public List<Setting> settings() {
            List<Setting> declared = new java.util.ArrayList<>(List.of(
                    Setting.of("bucket", Setting.Type.STRING, "where the model goes").asRequired(),
                    Setting.of("retries", Setting.Type.INTEGER, "how often to retry").withDefault("2")));
            declared.addAll(extra);
            return declared;
        }

        @Override
        public void check(String name, Map<String, String> settings) {
            if (checksBucket && !settings.containsKey("bucket")) {
                throw new ModelDockException("the bucket target needs 'bucket'");
            }
        }

        @Override
        public ExportReceipt export(ExportRequest request, Progress progress) {
            throw new UnsupportedOperationException("not exported in these tests");
        }
    }
}
