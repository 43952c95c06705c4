package dev.modeldock.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.PluginApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link Extensions#load} starts and fails, through real pf4j on real plugin folders: copies
 * of the built-in plugins as the build unpacked them (modeldock.builtin.plugins.dir), with their
 * plugin.properties rewritten. A plugin that does not fit fails alone, in one line; the others start.
 */
class PluginLoadContractTest {
    private static final Path BUILT_IN = Path.of(System.getProperty(PluginSources.BUILTIN_DIR_PROPERTY,
            "target/plugins"));

    @TempDir
    Path folder;

    @Test
    void builtInPluginsRequireTheRangeOfTheApiTheyWereBuiltWith() throws IOException {
        try (Stream<Path> plugins = Files.list(BUILT_IN)) {
            List<Path> all = plugins.filter(Files::isDirectory).sorted().toList();
            assertFalse(all.isEmpty(), "no built-in plugins in " + BUILT_IN);
            for (Path plugin : all) {
                assertEquals(PluginApi.REQUIRES, properties(plugin).getProperty("plugin.requires"), plugin.toString());
            }
        }
    }

    @ParameterizedTest(name = "plugin.requires as a {0}")
    @ValueSource(strings = {"caret", "range"})
    void pluginWhoseRangeHoldsTheHostsApiVersionLoads(String form) throws IOException {
        String requires = form.equals("caret") ? "^" + PluginApi.VERSION
                : ">=" + PluginApi.VERSION + " & <" + nextBreaking(PluginApi.VERSION);
        copy("postprocessors", "pooling-copy", requires);

        try (Extensions extensions = Extensions.load(folder)) {
            assertTrue(extensions.origin(extensions.postProcessor("Pooling")).startsWith("pooling-copy@"));
            assertEquals(PluginInfo.State.STARTED, extensions.describe().get(0).state());
        }
    }

    @Test
    void pluginRequiringANewerApiFailsAtLoadNamingBothVersions() throws IOException {
        String requires = "^" + nextBreaking(PluginApi.VERSION);
        copy("postprocessors", "from-the-future", requires);

        String message = reason("from-the-future");
        assertTrue(message.contains("plugin 'from-the-future' requires plugin API " + requires
                + " but this ModelDock has plugin API " + PluginApi.VERSION + ";"), message);
        assertTrue(message.contains("install a release of the plugin built for plugin API " + PluginApi.VERSION),
                message);
    }

    @Test
    void pluginBuiltForAnEarlierIncompatibleApiFailsAtLoad() throws IOException {
        String requires = ">=0.0.1 & <" + PluginApi.VERSION;
        copy("export-file", "from-the-past", requires);

        String message = reason("from-the-past");
        assertTrue(message.contains("plugin 'from-the-past' requires plugin API " + requires
                + " but this ModelDock has plugin API " + PluginApi.VERSION), message);
    }

    @Test
    void pluginWithoutPluginRequiresFailsSayingWhatToDeclare() throws IOException {
        copy("tokenizer-bert", "unversioned", null);

        String message = reason("unversioned");
        assertTrue(message.startsWith("plugin 'unversioned' declares no plugin.requires"), message);
        assertTrue(message.contains("plugin API " + PluginApi.VERSION), message);
        assertTrue(message.contains("(" + PluginApi.REQUIRES + " if that is this one)"), message);
    }

    @Test
    void pluginWithAnUnparsableRequiresFailsQuotingIt() throws IOException {
        copy("tokenizer-bert", "garbled", "any recent one");

        String message = reason("garbled");
        assertTrue(message.startsWith("plugin 'garbled' has plugin.requires 'any recent one', which is not a version"
                + " range"), message);
    }

    @Test
    void eachIncompatiblePluginFailsInItsOwnLineAndTheOthersStart() throws IOException {
        copy("postprocessors", "first", "^" + nextBreaking(PluginApi.VERSION));
        copy("tokenizer-bert", "second", null);
        copy("export-file", "fine", PluginApi.REQUIRES);

        assertTrue(reason("first").startsWith("plugin 'first' requires"));
        assertTrue(reason("second").startsWith("plugin 'second' declares no plugin.requires"));
        try (Extensions extensions = Extensions.load(folder)) {
            List<String> failures = extensions.failures();
            assertEquals(2, failures.size(), failures.toString());
            assertTrue(failures.get(0).startsWith("plugin 'first' requires"), failures.get(0));
            assertTrue(failures.get(1).startsWith("plugin 'second' declares no plugin.requires"), failures.get(1));
            assertEquals("fine@" + extensions.plugin("fine").orElseThrow().version(),
                    extensions.origin(extensions.exportTarget("file")));
        }
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "tokenizer-bert | Tokenizer     | 'bert'",
            "tokenizer-sentencepiece | Tokenizer | 'sentencepiece'",
            "tokenizer-bpe  | Tokenizer     | 'bpe', 'gpt2'",
            "tokenizer-clip | Tokenizer     | 'clip'",
            "postprocessors | PostProcessor | 'Dense', 'Normalize', 'Pooling', 'Softmax'",
            "export-file    | ExportTarget  | 'file'"})
    void extensionNameTakenByTwoPluginsFailsTheLaterByIdNamingBoth(String builtIn, String kind, String names)
            throws IOException {
        copy(builtIn, builtIn, PluginApi.REQUIRES);
        copy(builtIn, builtIn + "-copy", PluginApi.REQUIRES);

        String message = reason(builtIn + "-copy");
        String first = names.split(", ")[0];
        assertTrue(message.startsWith("plugin '" + builtIn + "-copy' provides the " + kind + " " + first
                + ", which plugin '" + builtIn + "' provides already;"), message);
        try (Extensions extensions = Extensions.load(folder)) {
            assertEquals(PluginInfo.State.STARTED, extensions.plugin(builtIn).orElseThrow().state());
        }
    }

    /** The one-line reason the plugin {@code id} of the test's folder failed at load. */
    private String reason(String id) {
        try (Extensions extensions = Extensions.load(folder)) {
            PluginInfo plugin = extensions.plugin(id).orElseThrow();
            assertEquals(PluginInfo.State.FAILED, plugin.state(), plugin.line());
            assertFalse(plugin.reason().contains("\n"), "one line: " + plugin.reason());
            return plugin.reason();
        }
    }

    /**
     * Copies the built-in plugin {@code builtIn} into the test's plugin folder as {@code id}, with
     * {@code requires} as its plugin.requires, or none when null.
     */
    private void copy(String builtIn, String id, String requires) throws IOException {
        Path from = BUILT_IN.resolve(builtIn);
        Path to = folder.resolve(id);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        Properties descriptor = properties(to);
        descriptor.setProperty("plugin.id", id);
        if (requires == null) {
            descriptor.remove("plugin.requires");
        } else {
            descriptor.setProperty("plugin.requires", requires);
        }
        try (OutputStream out = Files.newOutputStream(to.resolve("plugin.properties"))) {
            descriptor.store(out, null);
        }
    }

    private static Properties properties(Path plugin) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(plugin.resolve("plugin.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** The first version a plugin built against {@code version} must not assume: next major, or minor in 0.x. */
    private static String nextBreaking(String version) {
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        return major > 0 ? (major + 1) + ".0.0" : "0." + (Integer.parseInt(parts[1]) + 1) + ".0";
    }
}
