package dev.modeldock.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
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
 * What {@link Extensions#load} accepts and refuses, through real pf4j on real plugin folders: copies
 * of the built-in plugins as the build unpacked them (modeldock.plugins.dir), with their
 * plugin.properties rewritten.
 */
class PluginLoadContractTest {
    private static final Path BUILT_IN = Path.of(System.getProperty(Extensions.PLUGINS_DIR_PROPERTY,
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
            assertEquals("STARTED", extensions.describe().get(0).state());
        }
    }

    @Test
    void pluginRequiringANewerApiIsRefusedAtLoadNamingBothVersions() throws IOException {
        String requires = "^" + nextBreaking(PluginApi.VERSION);
        copy("postprocessors", "from-the-future", requires);

        String message = refused();
        assertTrue(message.contains("plugin 'from-the-future' requires plugin API " + requires
                + " but this ModelDock has plugin API " + PluginApi.VERSION + ";"), message);
        assertTrue(message.contains("install a release of the plugin built for plugin API " + PluginApi.VERSION),
                message);
    }

    @Test
    void pluginBuiltForAnEarlierIncompatibleApiIsRefusedAtLoad() throws IOException {
        String requires = ">=0.0.1 & <" + PluginApi.VERSION;
        copy("export-file", "from-the-past", requires);

        String message = refused();
        assertTrue(message.contains("plugin 'from-the-past' requires plugin API " + requires
                + " but this ModelDock has plugin API " + PluginApi.VERSION), message);
    }

    @Test
    void pluginWithoutPluginRequiresIsRefusedSayingWhatToDeclare() throws IOException {
        copy("tokenizer-bert", "unversioned", null);

        String message = refused();
        assertTrue(message.startsWith("plugin 'unversioned' declares no plugin.requires"), message);
        assertTrue(message.contains("plugin API " + PluginApi.VERSION), message);
        assertTrue(message.contains("(" + PluginApi.REQUIRES + " if that is this one)"), message);
    }

    @Test
    void pluginWithAnUnparsableRequiresIsRefusedQuotingIt() throws IOException {
        copy("tokenizer-bert", "garbled", "any recent one");

        String message = refused();
        assertTrue(message.startsWith("plugin 'garbled' has plugin.requires 'any recent one', which is not a version"
                + " range"), message);
    }

    @Test
    void everyIncompatiblePluginIsNamedInTheOneMessage() throws IOException {
        copy("postprocessors", "first", "^" + nextBreaking(PluginApi.VERSION));
        copy("tokenizer-bert", "second", null);
        copy("export-file", "fine", PluginApi.REQUIRES);

        String message = refused();
        assertTrue(message.contains("plugin 'first' requires"), message);
        assertTrue(message.contains("plugin 'second' declares no plugin.requires"), message);
        assertFalse(message.contains("'fine'"), message);
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "tokenizer-bert | Tokenizer     | 'bert'",
            "tokenizer-sentencepiece | Tokenizer | 'sentencepiece'",
            "tokenizer-bpe  | Tokenizer     | 'bpe', 'gpt2'",
            "tokenizer-clip | Tokenizer     | 'clip'",
            "postprocessors | PostProcessor | 'Dense', 'Normalize', 'Pooling', 'Softmax'",
            "export-file    | ExportTarget  | 'file'"})
    void extensionNameTakenByTwoPluginsIsRefusedNamingBoth(String builtIn, String kind, String names)
            throws IOException {
        copy(builtIn, builtIn, PluginApi.REQUIRES);
        copy(builtIn, builtIn + "-copy", PluginApi.REQUIRES);

        String message = refused();
        assertTrue(message.startsWith("plugins '" + builtIn + "' and '" + builtIn + "-copy' both provide the " + kind
                + " " + names + ";"), message);
    }

    /** Extensions.load(folder) fails; its message, checked to be one line. */
    private String refused() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> Extensions.load(folder).close());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
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
