package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code modeldock.jar} as a user runs it: {@code java -jar} from an unrelated working
 * directory, with no flags telling it where its plugins are.
 */
class ModelDockJarIT {
    private static final Path JAR = Path.of(System.getProperty("modeldock.jar", "target/modeldock.jar")).toAbsolutePath();
    private static final ObjectMapper JSON = Json.MAPPER;

    @TempDir
    Path cwd;

    @Test
    void everyPluginJarCarriesItsExtensionIndex() throws IOException {
        Path plugins = JAR.resolveSibling("plugins");
        List<Path> jars;
        try (Stream<Path> files = Files.walk(plugins)) {
            // <plugin id>/lib/modeldock-<plugin id>-<version>.jar; the libraries beside it (Jackson,
            // modeldock-model-files) provide no extension.
            jars = files.filter(f -> f.toString().endsWith(".jar") && f.getFileName().toString()
                    .startsWith("modeldock-" + f.getParent().getParent().getFileName() + "-")).toList();
        }
        assertEquals(7, jars.size(), "built-in plugin jars: " + jars);
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                var index = file.getEntry("META-INF/extensions.idx");
                assertTrue(index != null, jar + " has no extension index");
                String[] classes = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8)
                        .lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toArray(String[]::new);
                assertTrue(classes.length > 0, jar + " indexes no extension");
                for (String className : classes) {
                    assertTrue(file.getEntry(className.replace('.', '/') + ".class") != null,
                            jar + " indexes " + className + " but does not contain it");
                }
            }
        }
    }

    @Test
    void commandLineDiscoversEveryBuiltInExtension() throws Exception {
        Process run = java("plugins");
        JsonNode plugins = JSON.readTree(run.getInputStream());
        assertEquals(0, run.waitFor());
        Set<String> found = new TreeSet<>();
        for (JsonNode plugin : plugins) {
            assertEquals("STARTED", plugin.path("state").asText());
            plugin.path("extensions").fields().forEachRemaining(point ->
                    point.getValue().forEach(name -> found.add(point.getKey() + ":" + name.asText())));
        }
        assertEquals(Set.of("ExportTarget:file", "ExportTarget:oracle", "PostProcessor:Dense", "PostProcessor:Normalize",
                "PostProcessor:Pooling", "PostProcessor:Softmax", "Tokenizer:bert", "Tokenizer:bpe", "Tokenizer:clip",
                "Tokenizer:gpt2", "Tokenizer:sentencepiece"), found);
    }

    @Test
    void pluginsAddsAnExtraFolderToTheBuiltInsAndExitsNonZeroNamingTheFailedPluginInOneLine() throws Exception {
        Path extra = Files.createDirectories(cwd.resolve("extra"));
        ThirdPartyPlugin.write(extra.resolve("acme-alpha-plugin.zip"),
                ThirdPartyPlugin.postProcessor("acme-alpha", "Alpha").zip(true));
        ThirdPartyPlugin.postProcessor("acme-future", "Future").withRequires("^99.0.0").writeFolder(extra);

        Process run = java(Map.of("MODELDOCK_PLUGINS_DIR", extra.toString()), "plugins");
        JsonNode plugins = JSON.readTree(run.getInputStream());
        assertEquals(1, run.waitFor(), "a plugin failed");
        Map<String, String> states = new java.util.TreeMap<>();
        plugins.forEach(plugin -> states.put(plugin.path("id").asText(), plugin.path("state").asText()));
        assertEquals("STARTED", states.get("acme-alpha"), states.toString());
        assertEquals("FAILED", states.get("acme-future"), states.toString());
        assertEquals("STARTED", states.get("postprocessors"), "the built-ins stay: " + states);
        assertEquals(9, states.size(), states.toString());
        List<String> errors = Files.readAllLines(cwd.resolve("stderr.txt"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("acme-future 1.0.0 FAILED: plugin 'acme-future' requires plugin API"
                + " ^99.0.0 but this ModelDock has plugin API "), errors.get(0));
    }

    @Test
    void aPluginDisabledByChoiceIsNoFailureAndOtherCommandsWarnOfFailedOnesAndGoOn() throws Exception {
        Process plugins = java(Map.of("MODELDOCK_PLUGINS_DISABLED", "tokenizer-clip"), "plugins");
        plugins.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, plugins.waitFor());
        List<String> errors = Files.readAllLines(cwd.resolve("stderr.txt"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("tokenizer-clip \\S+ DISABLED \\(disabled by choice, not a failure\\)"),
                errors.get(0));

        Path extra = Files.createDirectories(cwd.resolve("extra"));
        ThirdPartyPlugin.postProcessor("acme-unindexed", "Unindexed").withoutExtensionIndex().writeFolder(extra);
        Process export = java(Map.of("MODELDOCK_PLUGINS_DIR", extra.toString()), "export", "--model",
                cwd.resolve("no-such-model").toString(), "--name", "m", "--output-dir", "out");
        export.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(1, export.waitFor(), "fails on its model, after the warning");
        String exportErrors = Files.readString(cwd.resolve("stderr.txt"));
        assertTrue(exportErrors.startsWith("warning: plugin 'acme-unindexed' has no extension index"), exportErrors);
        assertTrue(exportErrors.contains("no-such-model"), exportErrors);
    }

    /**
     * The jar exports a preconfigured model named relative to a working directory of its own, and a
     * second JVM exports the same bytes: each export runs in its own JVM, because what varied between
     * runs (the iteration order of {@code Map.of}) is fixed for the life of a JVM by a per-JVM salt.
     */
    @Test
    void exportsAPreconfiguredModelFromAnotherWorkingDirectoryAndASecondJvmWritesTheSameBytes() throws Exception {
        Path model = MiniLmHubFolder.create(cwd.resolve("models"));
        List<String> models = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        for (int run = 1; run <= 2; run++) {
            Process export = java("export", "--model", cwd.relativize(model).toString(), "--name", "minilm",
                    "--output-dir", "run-" + run);
            String out = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, export.waitFor(), Files.readString(cwd.resolve("stderr.txt")));
            assertTrue(JSON.readTree(out).path("validation").path("passed").asBoolean(), out);
            models.add(Sha256.of(cwd.resolve("run-" + run + "/minilm.onnx")));
            metadata.add(Sha256.of(cwd.resolve("run-" + run + "/minilm.json")));
        }
        assertTrue(Files.size(cwd.resolve("run-1/minilm.onnx")) > 80_000_000);
        assertEquals(1, Set.copyOf(models).size(), "SHA-256 of minilm.onnx in two runs: " + models);
        assertEquals(1, Set.copyOf(metadata).size(), "SHA-256 of minilm.json in two runs: " + metadata);
    }

    /**
     * A float32 export no longer holds the encoder's weights on the heap (they stay in the mapped source
     * file), so MiniLM exports in 24 MB; an int8 one still holds one table's floats beside their int8
     * copy, and its 47 MB word embeddings do not fit in 40 MB.
     */
    @Test
    void aHeapTooSmallForTheModelIsOneLineNamingTheModelsSizeAndTheXmxToGive() throws Exception {
        Path model = MiniLmHubFolder.create(cwd.resolve("models"));
        Path tmp = Files.createDirectories(cwd.resolve("tmp"));
        Process run = java(List.of("-Xmx40m", "-Djava.io.tmpdir=" + tmp), Map.of(), "export", "--model",
                model.toString(), "--config", "{\"quantize_model\": true}", "--name", "m", "--output-dir", "out");
        assertEquals(1, run.waitFor());
        String err = Files.readString(cwd.resolve("stderr.txt"));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.matches("error: the Java heap \\(at most \\d+ MB\\) ran out converting .*all-MiniLM-L6-v2,"
                + " whose encoder is 90\\d{6} bytes \\(9\\d MB\\): give it more, e.g. java -Xmx2g -jar"
                + " modeldock.jar export \\.\\.\\.\\s*"), err);
        assertTrue(Files.notExists(cwd.resolve("out/m.onnx")));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("modeldock-staging"))
                    .toList(), "the staged float32 reference is deleted");
        }
    }

    @Test
    void aMissingModelFailsWithOneLine() throws Exception {
        Process run = java(Map.of("HF_HUB_OFFLINE", "1"), "export", "--model", "nobody/nothing", "--name", "x",
                "--cache-dir", cwd.toString());
        assertEquals(1, run.waitFor());
        String err = Files.readString(cwd.resolve("stderr.txt"));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("error: HF_HUB_OFFLINE is set, so model nobody/nothing must come from the cache"), err);
    }

    @Test
    void exportsAHubIdFromAColdCacheThroughTheHubThenOfflineFromTheWarmCacheAndHoldsItToItsPinnedChecksums() throws Exception {
        HubRepo miniLm = HubRepo.miniLm(cwd.resolve("hub-files"));
        try (FakeHub hub = FakeHub.start().serve(miniLm)) {
            Path cache = cwd.resolve("cache");
            long coldStart = System.nanoTime();
            JsonNode cold = export(Map.of("HF_ENDPOINT", hub.endpoint().toString()), cache, "cold");
            long coldMillis = (System.nanoTime() - coldStart) / 1_000_000;
            assertTrue(cold.path("validation").path("passed").asBoolean(), cold::toString);
            assertEquals(miniLm.commit(), cold.path("provenance").path("revision").asText(), cold::toString);
            assertTrue(hub.requests().stream().anyMatch(r -> r.startsWith("GET /repos/lfs/")), hub.requests()::toString);
            assertTrue(Files.isSymbolicLink(cache.resolve("models--sentence-transformers--all-MiniLM-L6-v2/snapshots")
                    .resolve(miniLm.commit()).resolve("onnx/model.onnx")));

            hub.clearRequests();
            long warmStart = System.nanoTime();
            JsonNode warm = export(Map.of("HF_ENDPOINT", hub.endpoint().toString(), "HF_HUB_OFFLINE", "1"), cache, "warm");
            long warmMillis = (System.nanoTime() - warmStart) / 1_000_000;
            assertTrue(warm.path("validation").path("passed").asBoolean(), warm::toString);
            assertEquals(List.of(), hub.requests());
            assertEquals(Sha256.of(cwd.resolve("cold/minilm.onnx")), Sha256.of(cwd.resolve("warm/minilm.onnx")));
            System.out.printf("MiniLM export through the fake hub: cold cache %d ms, warm cache offline %d ms%n",
                    coldMillis, warmMillis);

            // main moves on with another config.json: the file pinned at the first download no longer matches
            byte[] config = miniLm.files().get("config.json");
            HubRepo changed = miniLm.withFile("config.json", (new String(config, StandardCharsets.UTF_8) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            hub.serve(changed);
            Map<String, String> online = Map.of("HF_ENDPOINT", hub.endpoint().toString());
            Process refused = java(online, exportArguments(cache, "refused", "--force-download"));
            assertEquals(1, refused.waitFor());
            String err = Files.readString(cwd.resolve("stderr.txt"));
            assertTrue(err.contains("config.json: expected SHA-256 " + miniLm.sha256("config.json") + ", got "
                    + changed.sha256("config.json")), err);

            JsonNode ignored = export(online, cache, "ignored", "--force-download", "--ignore-checksum-error");
            assertEquals(changed.commit(), ignored.path("provenance").path("revision").asText());
            JsonNode warning = ignored.path("provenance").path("checksumWarnings").path(0);
            assertEquals(List.of("config.json", miniLm.sha256("config.json"), changed.sha256("config.json")),
                    List.of(warning.path("file").asText(), warning.path("expected").asText(),
                            warning.path("actual").asText()), ignored::toString);
            assertTrue(Files.readString(cwd.resolve("stderr.txt")).contains("warning: " + MiniLmHubFolder.HUB_ID
                    + " config.json: expected SHA-256"));
        }
    }

    private JsonNode export(Map<String, String> env, Path cache, String outputDir, String... more) throws Exception {
        Process run = java(env, exportArguments(cache, outputDir, more));
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), Files.readString(cwd.resolve("stderr.txt")));
        return JSON.readTree(out);
    }

    private static String[] exportArguments(Path cache, String outputDir, String... more) {
        List<String> arguments = new ArrayList<>(List.of("export", "--model", MiniLmHubFolder.HUB_ID, "--name",
                "minilm", "--cache-dir", cache.toString(), "--output-dir", outputDir));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    private Process java(String... args) throws IOException {
        return java(Map.of(), args);
    }

    private Process java(Map<String, String> env, String... args) throws IOException {
        return java(List.of(), env, args);
    }

    private Process java(List<String> jvmOptions, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        // Standard error goes to a file so that a chatty run can never block on a full pipe.
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectError(cwd.resolve("stderr.txt").toFile());
        builder.environment().remove("MODELDOCK_PLUGINS_DIR");
        builder.environment().remove("MODELDOCK_PLUGINS_DISABLED");
        builder.environment().keySet().removeIf(name -> name.startsWith("HF_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }
}
