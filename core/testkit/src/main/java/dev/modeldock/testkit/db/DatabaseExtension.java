package dev.modeldock.testkit.db;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link DatabaseTest} runs: one invocation of the test per database kind, each resolving a
 * {@link TestDatabase} parameter to a fresh database that is closed (removed) when the invocation
 * ends.
 */
public final class DatabaseExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), DatabaseTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        DatabaseTest test = AnnotationSupport.findAnnotation(context.getTestMethod(), DatabaseTest.class).orElseThrow();
        return Arrays.stream(test.value()).map(OnDatabase::new);
    }

    /** One run of the test, on one kind of database. */
    private record OnDatabase(TestDatabase.Kind kind) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "on " + kind;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new FreshDatabase(kind));
        }
    }

    /** Resolves {@link TestDatabase} parameters of one run to the same fresh database. */
    private record FreshDatabase(TestDatabase.Kind kind) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class,
                    type -> new Removal(TestDatabase.create(kind)), Removal.class).database();
        }
    }

    /** Closes the database when the run's context closes its store. */
    private record Removal(TestDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            database.close();
        }
    }
}
