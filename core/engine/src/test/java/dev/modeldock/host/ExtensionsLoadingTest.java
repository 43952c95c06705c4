package dev.modeldock.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.host.PluginInfo.State;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the host loads plugin folders and zips, through real pf4j on plugins compiled at test time:
 * extra folders add to the built-ins, zips load in both layouts, each bad plugin fails alone in one
 * line, and a plugin that throws while called fails that call naming it.
 */
class ExtensionsLoadingTest {
    private static final ThirdPartyPlugin ALPHA = ThirdPartyPlugin.postProcessor("acme-alpha", "Alpha");
    private static final ThirdPartyPlugin BETA = ThirdPartyPlugin.postProcessor("acme-beta", "Beta");

    @TempDir
    Path temp;

    @Test
    void extraFoldersAddToTheBuiltInPlugins() throws IOException {
        Path builtIn = folder("builtin");
        ALPHA.writeFolder(builtIn);
        Path extra = folder("extra");
        BETA.writeFolder(extra);

        try (Extensions extensions = Extensions.load(new PluginSources(builtIn, List.of(extra), Set.of()))) {
            assertEquals("acme-alpha@1.0.0", extensions.origin(extensions.postProcessor("Alpha")));
            assertEquals("acme-beta@1.0.0", extensions.origin(extensions.postProcessor("Beta")));
            PostProcessor alpha = extensions.postProcessor("Alpha");
            assertEquals(alpha, extensions.postProcessor("Alpha"), "one guarded extension, equal to itself");
            assertEquals(alpha.hashCode(), extensions.postProcessor("Alpha").hashCode());
            assertTrue(extensions.postProcessors().contains(alpha));
            Map<String, Boolean> builtIns = Map.of("acme-alpha", true, "acme-beta", false);
            for (PluginInfo plugin : extensions.describe()) {
                assertEquals(State.STARTED, plugin.state(), plugin.line());
                assertEquals(builtIns.get(plugin.id()), plugin.builtIn(), plugin.id());
                assertEquals(Map.of("PostProcessor", List.of(plugin.id().equals("acme-alpha") ? "Alpha" : "Beta")),
                        plugin.extensions());
            }
        }
    }

    @ParameterizedTest(name = "files in one top folder: {0}")
    @ValueSource(booleans = {false, true})
    void aZipLoadsInEitherLayoutWithoutWritingIntoItsFolder(boolean inTopFolder) throws IOException {
        Path plugins = folder("plugins");
        ThirdPartyPlugin.write(plugins.resolve("acme-alpha-plugin.zip"), ALPHA.zip(inTopFolder));
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("r-xr-xr-x"));
        try (Extensions extensions = Extensions.load(plugins)) {
            assertEquals(List.of("Alpha"), extensions.postProcessors().stream().map(PostProcessor::name).toList());
            assertEquals(plugins.resolve("acme-alpha-plugin.zip").toString(), extensions.describe().get(0).source());
        } finally {
            Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(List.of("acme-alpha-plugin.zip"), names(plugins), "nothing unpacked beside the zip");
    }

    @Test
    void eachBadPluginFailsAloneInOneLineAndTheOthersRun() throws IOException {
        Path plugins = folder("plugins");
        ALPHA.writeFolder(plugins);
        ThirdPartyPlugin.postProcessor("acme-future", "Future").withRequires("^99.0.0").writeFolder(plugins);
        ThirdPartyPlugin.postProcessor("acme-unindexed", "Unindexed").withoutExtensionIndex().writeFolder(plugins);
        ThirdPartyPlugin.postProcessor("acme-throws", "Throws").throwingIn(Failure.CONSTRUCTOR).writeFolder(plugins);
        ThirdPartyPlugin.postProcessor("acme-twin", "Alpha").writeFolder(plugins);
        Files.createDirectories(plugins.resolve("not-a-plugin"));

        try (Extensions extensions = Extensions.load(plugins)) {
            assertEquals(List.of("Alpha"), extensions.postProcessors().stream().map(PostProcessor::name).toList());
            assertReason(extensions, "acme-future", "plugin 'acme-future' requires plugin API ^99.0.0 but this"
                    + " ModelDock has plugin API ");
            assertReason(extensions, "acme-unindexed", "plugin 'acme-unindexed' has no extension index"
                    + " (META-INF/extensions.idx in lib/*.jar)");
            assertReason(extensions, "acme-throws", "plugin 'acme-throws': the constructor of PostProcessor class"
                    + " acme.tests.PAcmeThrowsProcessor threw IllegalStateException: Throws broke on purpose");
            assertReason(extensions, "acme-twin", "plugin 'acme-twin' provides the PostProcessor 'Alpha', which"
                    + " plugin 'acme-alpha' provides already");
            assertReason(extensions, "not-a-plugin", "has no plugin.properties");
            assertEquals(5, extensions.failures().size(), extensions.failures().toString());
        }
    }

    @Test
    void aPluginDisabledByChoiceIsListedButNotStartedAndIsNoFailure() throws IOException {
        Path plugins = folder("plugins");
        ALPHA.writeFolder(plugins);
        BETA.writeFolder(plugins);

        try (Extensions extensions = Extensions.load(PluginSources.of(plugins).disabling(List.of("acme-beta")))) {
            assertEquals(List.of("Alpha"), extensions.postProcessors().stream().map(PostProcessor::name).toList());
            PluginInfo beta = extensions.plugin("acme-beta").orElseThrow();
            assertEquals(State.DISABLED, beta.state());
            assertTrue(beta.line().contains("disabled by choice, not a failure"), beta.line());
            assertEquals(List.of(), extensions.failures());
            assertTrue(extensions.sources().systemProperties().contains("-D" + PluginSources.DISABLED_PROPERTY
                    + "=acme-beta"), extensions.sources().systemProperties().toString());
        }
    }

    @Test
    void aPluginThrowingWhileCalledFailsThatCallNamingPluginExtensionAndMethod() throws IOException {
        Path plugins = folder("plugins");
        ThirdPartyPlugin.postProcessor("acme-pool", "AcmePool").withVersion("1.2.0").throwingIn(Failure.APPEND)
                .writeFolder(plugins);

        try (Extensions extensions = Extensions.load(plugins)) {
            PostProcessor pool = extensions.postProcessor("AcmePool");
            Activation input = new Activation("embedding", 4, false);
            assertEquals(input, pool.check(input, null, null), "calls that do not throw pass through");
            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> pool.append(null, input, null, null, null));
            assertTrue(e.getMessage().startsWith("plugin 'acme-pool@1.2.0' failed in PostProcessor 'AcmePool'.append:"
                    + " IllegalStateException: AcmePool broke on purpose"), e.getMessage());
            assertEquals("acme-pool@1.2.0", extensions.origin(pool), "provenance still names the plugin");
        }
    }

    @Test
    void pluginsAreAddedDisabledEnabledAndRemovedWhileRunning() throws IOException {
        Path plugins = folder("plugins");
        ALPHA.writeFolder(plugins);
        Path uploads = folder("uploads");
        try (Extensions extensions = Extensions.load(plugins)) {
            Path beta = BETA.writeFolder(uploads);
            assertEquals(State.STARTED, extensions.tryOut(beta, null).state());
            assertEquals(List.of("Alpha"), names(extensions), "trying a plugin out starts nothing");
            assertEquals(State.STARTED, extensions.add(beta).state());
            assertEquals(List.of("Alpha", "Beta"), names(extensions));

            assertEquals(State.DISABLED, extensions.disable("acme-alpha").state());
            assertEquals(List.of("Beta"), names(extensions));
            assertEquals(State.STARTED, extensions.enable("acme-alpha").state());
            assertEquals(List.of("Alpha", "Beta"), names(extensions));

            extensions.remove("acme-beta");
            assertEquals(List.of("Alpha"), names(extensions));
            assertFalse(extensions.plugin("acme-beta").isPresent());

            Path twin = ThirdPartyPlugin.postProcessor("acme-twin", "Alpha").writeFolder(uploads);
            PluginRefusedException refused = assertThrows(PluginRefusedException.class, () -> extensions.add(twin));
            assertTrue(refused.getMessage().contains("which plugin 'acme-alpha' provides already"),
                    refused.getMessage());
            assertEquals(List.of("Alpha"), names(extensions), "a refused plugin leaves the running ones as they were");
            assertFalse(extensions.plugin("acme-twin").isPresent());
        }
    }

    private static void assertReason(Extensions extensions, String id, String expected) {
        PluginInfo plugin = extensions.plugin(id).orElseGet(() -> extensions.describe().stream()
                .filter(p -> p.id().equals(id)).findFirst().orElseThrow());
        assertEquals(State.FAILED, plugin.state(), plugin.line());
        assertTrue(plugin.reason().contains(expected), plugin.reason());
        assertFalse(plugin.reason().contains("\n"), "one line: " + plugin.reason());
        assertTrue(plugin.line().startsWith(id), plugin.line());
    }

    private static List<String> names(Extensions extensions) {
        return extensions.postProcessors().stream().map(PostProcessor::name).sorted().toList();
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
