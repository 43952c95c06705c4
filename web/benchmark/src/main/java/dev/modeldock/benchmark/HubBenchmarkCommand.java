package dev.modeldock.benchmark;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.Conversion;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.source.ModelSource;
import dev.modeldock.source.hub.DownloadProgress;
import dev.modeldock.source.hub.HubEnvironment;
import dev.modeldock.source.hub.HubRepository;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints what a model by hub id costs: the download's throughput from a local hub (the test kit's
 * {@link FakeHub}, redirects and all) against {@code cp} of the same bytes, and the wall time of
 * a MiniLM export from a cold cache and from the warm cache offline.
 */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = "Measures hub downloads and cold/warm exports of all-MiniLM-L6-v2 against a local hub.")
final class HubBenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--work-dir", required = true, paramLabel = "DIR", description = "Scratch folder (emptied).")
    Path work;

    @Option(names = "--repeat", defaultValue = "5", paramLabel = "N", description = "Runs of each measurement.")
    int repeat;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        HubRepo miniLm = HubRepo.miniLm(work.resolve("hub-files"));
        try (FakeHub hub = FakeHub.start().serve(miniLm);
                Extensions extensions = Extensions.load()) {
            HubEnvironment online = new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(10));
            long bytes = 0;
            double[] download = new double[repeat];
            double[] copy = new double[repeat];
            double[] plain = new double[repeat];
            for (int run = 0; run < repeat; run++) {
                Path cache = fresh("cache");
                long start = System.nanoTime();
                Path snapshot = new HubRepository(cache, online, false, false)
                        .fetch(miniLm.repoId(), null, DownloadProgress.NONE).folder().root();
                download[run] = seconds(start);
                bytes = folderBytes(snapshot);
                copy[run] = cp(snapshot, fresh("copy"));
                plain[run] = plainHttp(hub, miniLm, fresh("plain"));
            }
            out.printf("download of %s (%.1f MB, %d runs, median) from a local hub%n", miniLm.repoId(), bytes / 1e6,
                    repeat);
            out.printf("  hub client (redirect, SHA-256 check, cache layout) %8.3f s  %7.1f MB/s%n",
                    median(download), bytes / 1e6 / median(download));
            out.printf("  JDK HttpClient to a file, same requests, no checks %8.3f s  %7.1f MB/s%n",
                    median(plain), bytes / 1e6 / median(plain));
            out.printf("  cp -rL of the same files                           %8.3f s  %7.1f MB/s  (client %.2fx cp)%n",
                    median(copy), bytes / 1e6 / median(copy), median(download) / median(copy));

            EmbeddingModelConfig config = EmbeddingModelConfig.preconfigured(miniLm.repoId()).orElseThrow();
            HubEnvironment offline = new HubEnvironment(hub.endpoint(), null, true, Duration.ofSeconds(10));
            double[] cold = new double[repeat];
            double[] warm = new double[repeat];
            for (int run = 0; run < repeat; run++) {
                Path cache = fresh("cache");
                cold[run] = export(miniLm.repoId(), cache, online, config, extensions);
                warm[run] = export(miniLm.repoId(), cache, offline, config, extensions);
            }
            out.printf("export of %s: resolve + convert + parity check (%d runs, median)%n", miniLm.repoId(), repeat);
            out.printf("  cold cache, through the local hub                  %8.3f s%n", median(cold));
            out.printf("  warm cache, HF_HUB_OFFLINE                         %8.3f s%n", median(warm));
        }
        return 0;
    }

    private double export(String repoId, Path cache, HubEnvironment env, EmbeddingModelConfig config,
            Extensions extensions) throws Exception {
        Settings settings = new Settings(cache, Settings.defaults().loggingLevel(), false, false, false);
        Path staging = fresh("staging");
        long start = System.nanoTime();
        ModelSource source = ModelSource.resolve(repoId, settings, new HubRepository(cache, env, false, false),
                DownloadProgress.NONE);
        // Conversion.run fails unless the parity check passes: every run timed is a good export
        try (Artifact artifact = Conversion.run(source, config, extensions, staging, (stage, fraction) -> { })) {
            return seconds(start);
        }
    }

    /** The empty folder {@code work/name}. */
    private Path fresh(String name) throws IOException {
        Path folder = work.resolve(name);
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    /** The floor the hub client is held to: the same server, each file fetched with a plain GET into a file. */
    private static double plainHttp(FakeHub hub, HubRepo repo, Path to) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        int n = 0;
        for (String path : repo.files().keySet()) {
            URI uri = URI.create(hub.endpoint() + "/" + repo.repoId() + "/resolve/" + repo.commit() + "/" + path);
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofFile(to.resolve("f" + n++)));
        }
        return seconds(start);
    }

    private static double cp(Path from, Path to) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process cp = new ProcessBuilder("cp", "-rL", "--", from.toString(), to.resolve("copy").toString())
                .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
        if (cp.waitFor() != 0) {
            throw new ModelDockException("cp -rL " + from + " failed with status " + cp.exitValue());
        }
        return seconds(start);
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            long total = 0;
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
