package dev.modeldock.benchmark;

import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Version;
import dev.modeldock.server.RegistryServer;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.ui.WebUi;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints how long the web UI's pages take to render on the server with a large catalog: the catalog
 * (first page, a later page, a search) and a model's and a version's page, each requested by one
 * signed-in client one after another, so a figure is the server's render time plus a loopback
 * round trip. One real conversion of the model given makes the version every catalog entry copies;
 * the catalog is then filled straight through the registry, since thousands of conversions or
 * uploads through the API would measure those, not pages.
 */
@Command(name = "pages", mixinStandardHelpOptions = true,
        description = "Measures the web UI's server-side render time (p50/p99) with a large catalog; prints the figures.")
final class PagesBenchmarkCommand implements Callable<Integer> {
    private static final String PASSWORD = "benchmark-password";
    private static final String ADMIN_TOKEN = "mdk_pages-benchmark-admin-token";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A model folder in the hub's layout to convert once (src/bin/benchmark-pages makes MiniLM's).")
    Path model;

    @Option(names = "--models", defaultValue = "1000", paramLabel = "N", description = "Models in the catalog (default 1000).")
    int models;

    @Option(names = "--versions", defaultValue = "10", paramLabel = "N", description = "Versions of each model (default 10).")
    int versions;

    @Option(names = "--requests", defaultValue = "200", paramLabel = "N", description = "Timed requests per page (default 200).")
    int requests;

    @Option(names = "--warmup", defaultValue = "50", paramLabel = "N",
            description = "Untimed requests per page before the timed ones (default 50).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = Files.createTempDirectory("modeldock-pages-benchmark-");
        try (Extensions extensions = Extensions.load();
             RegistryServer server = RegistryServer.start(config -> {
                 config.port = 0;
                 config.dataDir = dataDir;
                 config.secrets.adminToken = ADMIN_TOKEN;
                 config.sourceRoots.add(model.toAbsolutePath().getParent());
             }, extensions, Settings.defaults(), new PrintStream(PrintStream.nullOutputStream()),
                     List.of(new WebUi()))) {
            ApiClient admin = ApiClient.local(server.port(), ADMIN_TOKEN);
            admin.createModel("template");
            String job = admin.post("/api/v1/models/template/versions", Map.of("source",
                    model.toAbsolutePath().toString())).expect(202).json().path("id").asText();
            admin.awaitJob(job);
            Version template = server.services().versions().get("template", "1");
            long start = System.nanoTime();
            CatalogFill.fill(server.registry(), template, models, versions);
            out.printf("catalog: %d models x %d versions filled in %.1f s%n", models, versions,
                    (System.nanoTime() - start) / 1e9);
            server.services().sessions().setPassword("admin", PASSWORD.toCharArray(), "benchmark");
            String cookie = "modeldock_session=" + server.services().sessions()
                    .signIn("admin", PASSWORD.toCharArray(), "127.0.0.1").id();
            ApiClient client = ApiClient.local(server.port(), null);
            String name = CatalogFill.modelName(models / 2);
            Map<String, String> pages = new java.util.LinkedHashMap<>();
            pages.put("catalog, first page", "/");
            pages.put("catalog, page 20", "/?page=20");
            pages.put("catalog, search", "/?q=" + CatalogFill.modelName(models - 1).substring(0, 8));
            pages.put("model page", "/models/" + name);
            pages.put("version page", "/models/" + name + "/versions/" + versions);
            out.printf("%-22s %9s %9s %9s %9s%n", "page", "p50 ms", "p99 ms", "max ms", "KiB");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                measure(out, client, cookie, page.getKey(), page.getValue());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        return 0;
    }

    private void measure(PrintWriter out, ApiClient client, String cookie, String name, String path) {
        Map<String, String> headers = Map.of("Cookie", cookie);
        ApiResponse first = null;
        for (int i = 0; i < warmup; i++) {
            first = check(client.get(path, headers), path);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long before = System.nanoTime();
            check(client.get(path, headers), path);
            nanos[i] = System.nanoTime() - before;
        }
        Latencies latencies = Latencies.of(new ArrayList<>(List.of(nanos)));
        out.printf("%-22s %9.2f %9.2f %9.2f %9.1f%n", name, latencies.percentileMillis(50),
                latencies.percentileMillis(99), latencies.maxMillis(), first == null ? 0 : first.body().length / 1024.0);
    }

    private static ApiResponse check(ApiResponse response, String path) {
        if (response.status() != 200) {
            throw new ModelDockException("GET " + path + " answered " + response.status() + ": " + response.text());
        }
        return response;
    }
}
