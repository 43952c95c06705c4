package dev.modeldock.ui.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.modeldock.registry.Names;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages reach the registry only through the services the REST API calls, so every rule (roles,
 * validation, audit) holds in both: they may show the registry's records, never touch its storage,
 * the database library or the API's handlers.
 */
class UiLayersTest {
    private static final DescribedPredicate<JavaClass> REGISTRY_STORAGE =
            new DescribedPredicate<>("the registry's storage (not its records, enums, exceptions or name rules)") {
                @Override
                public boolean test(JavaClass c) {
                    String pkg = c.getPackageName();
                    if (pkg.startsWith("dev.modeldock.registry.internal")) {
                        return true;
                    }
                    return pkg.equals("dev.modeldock.registry") && !(c.isRecord() || c.isEnum()
                            || c.isAssignableTo(Throwable.class) || c.isEquivalentTo(Names.class));
                }
            };

    private static final String[] ENGINE = {"dev.modeldock.conversion..", "dev.modeldock.runtime..",
        "dev.modeldock.host..", "dev.modeldock.source..", "dev.modeldock.plan..", "dev.modeldock.graph..",
        "dev.modeldock.validation..", "dev.modeldock.metadata..", "dev.modeldock.config..", "dev.modeldock.onnx..",
        "dev.modeldock.provenance..", "dev.modeldock.artifact.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.modeldock.ui");
    }

    @Test
    void pagesNeverTouchTheRegistrysStorageOrTheDatabase() {
        noClasses().that().resideInAPackage("dev.modeldock.ui..")
                .should().dependOnClassesThat(REGISTRY_STORAGE)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
                .because("pages read and write through the services, as the REST API does")
                .check(classes);
    }

    /**
     * The engine's work (conversions, checks, runtime, plugin loading): its classes that are not plain
     * values. Pages show the values the services hand them (a metadata problem, a tensor's shape, a
     * distance metric) and may apply Oracle's name rules, as they show the registry's records.
     */
    private static final DescribedPredicate<JavaClass> ENGINE_WORK =
            new DescribedPredicate<>("the engine's work (not its records, enums, exceptions or name rules)") {
                @Override
                public boolean test(JavaClass c) {
                    boolean engine = java.util.Arrays.stream(ENGINE).anyMatch(p -> c.getPackageName()
                            .startsWith(p.substring(0, p.length() - 2)));
                    return engine && !(c.isRecord() || c.isEnum() || c.isAssignableTo(Throwable.class)
                            || c.getSimpleName().equals("OracleNames"));
                }
            };

    @Test
    void pagesNeverDoTheEnginesWork() {
        noClasses().that().resideInAPackage("dev.modeldock.ui..")
                .should().dependOnClassesThat(ENGINE_WORK)
                .because("conversions, checks and plugins are the services' business, for the API and the pages alike")
                .check(classes);
    }

    @Test
    void pagesDoNotGoThroughTheRestApi() {
        noClasses().that().resideInAPackage("dev.modeldock.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.modeldock.server.api..")
                .check(classes);
    }
}
