package dev.modeldock.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.modeldock.registry.Names;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's packages point one way: {@code server} (start-up) → {@code server.api} (HTTP) →
 * {@code server.auth} → {@code service} (the application) → the registry's storage and the engine
 * (the web UI, a module of its own, has the same rules in its {@code UiLayersTest}). The HTTP layers read the registry's records to shape answers
 * but never its storage, and the services know nothing of HTTP.
 */
class ServerLayersTest {
    private static final String[] HTTP = {"io.javalin..", "jakarta.servlet..", "org.eclipse.jetty.."};
    private static final String[] ENGINE = {"dev.modeldock.conversion..", "dev.modeldock.runtime..",
        "dev.modeldock.host..", "dev.modeldock.source..", "dev.modeldock.plan..", "dev.modeldock.graph..",
        "dev.modeldock.validation..", "dev.modeldock.metadata..", "dev.modeldock.config..", "dev.modeldock.onnx..",
        "dev.modeldock.provenance.."};
    private static final String[] HTTP_LAYERS = {"dev.modeldock.server.api..", "dev.modeldock.server.auth.."};

    /**
     * The registry's classes that store and read: {@code Registry}, {@code Models}, {@code Versions},
     * {@code ArtifactStore}, {@code RegistryDatabase}, ... and its internals. Its records, enums,
     * exceptions and name rules are plain values anyone may use.
     */
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

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.modeldock");
    }

    @Test
    void servicesKnowNoHttp() {
        noClasses().that().resideInAPackage("dev.modeldock.service..")
                .should().dependOnClassesThat().resideInAnyPackage(HTTP)
                .because("the API and a web UI both call the services; status codes and requests are theirs")
                .check(classes);
    }

    @Test
    void onlyTheServicesOpeningChoosesTheObjectStore() {
        noClasses().that().resideOutsideOfPackages("dev.modeldock.service", "dev.modeldock.objectstore..")
                .should().dependOnClassesThat().resideInAPackage("dev.modeldock.objectstore..")
                .because("everything else reaches artifacts through the registry's ArtifactStore, whichever store"
                        + " holds them")
                .check(classes);
    }

    @Test
    void servicesKnowNoServer() {
        noClasses().that().resideInAPackage("dev.modeldock.service..")
                .should().dependOnClassesThat().resideInAPackage("dev.modeldock.server..")
                .check(classes);
    }

    @Test
    void httpLayersNeverTouchTheRegistrysStorage() {
        noClasses().that().resideInAnyPackage(HTTP_LAYERS)
                .should().dependOnClassesThat(REGISTRY_STORAGE)
                .because("reads and writes go through the services; answers may show the registry's records")
                .check(classes);
    }

    @Test
    void httpLayersNeverUseTheEngine() {
        noClasses().that().resideInAnyPackage(HTTP_LAYERS)
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE)
                .because("conversions, checks and plugins are the services' business")
                .check(classes);
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("server").definedBy("dev.modeldock.server")
                .layer("api").definedBy("dev.modeldock.server.api..")
                .layer("auth").definedBy("dev.modeldock.server.auth..")
                .layer("service").definedBy("dev.modeldock.service..")
                .layer("registry storage").definedBy(REGISTRY_STORAGE)
                .layer("engine").definedBy(ENGINE)
                .whereLayer("server").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayOnlyBeAccessedByLayers("server")
                .whereLayer("auth").mayOnlyBeAccessedByLayers("server", "api")
                .whereLayer("service").mayOnlyBeAccessedByLayers("server", "api", "auth")
                .whereLayer("registry storage").mayOnlyBeAccessedByLayers("server", "service")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("server", "service")
                .check(classes);
    }
}
