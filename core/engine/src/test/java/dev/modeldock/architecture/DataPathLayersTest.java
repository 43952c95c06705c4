package dev.modeldock.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages follow the data path: a stage imports only the stages before it and the
 * foundations every stage may use, so no package cycle can come back unnoticed.
 */
class DataPathLayersTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.modeldock");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.modeldock.(*)..").should().beFreeOfCycles().check(engine);
    }

    @Test
    void eachStageImportsOnlyEarlierStagesAndFoundations() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("plugin API").definedBy("dev.modeldock.plugin..")
                .layer("foundations").definedBy("dev.modeldock.config..", "dev.modeldock.onnx..",
                        "dev.modeldock.runtime..", "dev.modeldock.host..", "dev.modeldock.provenance..")
                .layer("source").definedBy("dev.modeldock.source..")
                .layer("plan").definedBy("dev.modeldock.plan..")
                .layer("graph").definedBy("dev.modeldock.graph..")
                .layer("validation").definedBy("dev.modeldock.validation..")
                .layer("metadata").definedBy("dev.modeldock.metadata..")
                .layer("conversion").definedBy("dev.modeldock.conversion..")
                .whereLayer("conversion").mayNotBeAccessedByAnyLayer()
                .whereLayer("metadata").mayOnlyBeAccessedByLayers("conversion")
                .whereLayer("validation").mayOnlyBeAccessedByLayers("metadata", "conversion")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("validation", "metadata", "conversion")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("graph", "validation", "metadata", "conversion")
                .whereLayer("source").mayOnlyBeAccessedByLayers("plan", "graph", "validation", "metadata",
                        "conversion")
                .whereLayer("foundations").mayOnlyBeAccessedByLayers("foundations", "source", "plan", "graph",
                        "validation", "metadata", "conversion")
                .check(engine);
    }
}
