package dev.modeldock.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.modeldock.conversion.Conversion;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages follow the data path: a stage imports only the stages before it and the
 * foundations every stage may use, so no package cycle can come back unnoticed.
 */
class DataPathLayersTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() throws URISyntaxException {
        // The engine's own classes only: the API and the test kit are on the class path too, and
        // are not the engine's packages.
        Path engineClasses = Path.of(Conversion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        engine = new ClassFileImporter().importPath(engineClasses);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.modeldock.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void eachStageImportsOnlyEarlierStagesAndFoundations() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("foundations").definedBy("dev.modeldock.config..", "dev.modeldock.onnx..",
                        "dev.modeldock.runtime..", "dev.modeldock.host..")
                .layer("source").definedBy("dev.modeldock.source..")
                .layer("plan").definedBy("dev.modeldock.plan..")
                .layer("graph").definedBy("dev.modeldock.graph..")
                .layer("transform").definedBy("dev.modeldock.transform..")
                .layer("validation").definedBy("dev.modeldock.validation..")
                .layer("artifact").definedBy("dev.modeldock.artifact..")
                .layer("metadata").definedBy("dev.modeldock.metadata..")
                .layer("conversion").definedBy("dev.modeldock.conversion..")
                .whereLayer("conversion").mayNotBeAccessedByAnyLayer()
                .whereLayer("metadata").mayOnlyBeAccessedByLayers("conversion")
                .whereLayer("artifact").mayOnlyBeAccessedByLayers("metadata", "conversion")
                .whereLayer("validation").mayOnlyBeAccessedByLayers("artifact", "metadata", "conversion")
                .whereLayer("transform").mayOnlyBeAccessedByLayers("validation", "artifact", "metadata", "conversion")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("transform", "validation", "artifact", "metadata",
                        "conversion")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("graph", "transform", "validation", "artifact",
                        "metadata", "conversion")
                .whereLayer("source").mayOnlyBeAccessedByLayers("plan", "graph", "transform", "validation", "artifact",
                        "metadata", "conversion")
                .whereLayer("foundations").mayOnlyBeAccessedByLayers("foundations", "source", "plan", "graph",
                        "transform", "validation", "artifact", "metadata", "conversion")
                .check(engine);
    }

    @Test
    void everyEnginePackageIsInALayer() {
        Set<String> layered = Set.of("config", "onnx", "runtime", "host", "source",
                "plan", "graph", "transform", "validation", "artifact", "metadata", "conversion");
        Set<String> found = new TreeSet<>();
        engine.forEach(c -> {
            if (c.getPackageName().startsWith("dev.modeldock.")) {
                found.add(c.getPackageName().substring("dev.modeldock.".length()).split("\\.")[0]);
            }
        });
        found.removeAll(layered);
        assertEquals(Set.of(), found,
                "packages the layer rules do not cover; add them to the layers above");
    }
}
