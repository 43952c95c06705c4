package dev.modeldock.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.onnx.SyntheticModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Prints the registry server's figures: how fast a large artifact goes in and comes back out
 * against {@code cp} of the same file on the same disk, with the server's heap capped, on each
 * artifact store in turn (a fresh server and store each); and how long listing the catalog takes
 * with many clients at once, on the first store. The server runs as a child JVM so that the cap is
 * its own heap's and nothing this process holds counts against it.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Measures the registry server (a child JVM with a capped heap): upload and download of a large"
                + " artifact against cp on each artifact store, and catalog listing latency under concurrent clients;"
                + " prints the figures.")
final class RegistryBenchmarkCommand implements Callable<Integer> {
    private static final long MIB = 1 << 20;
    /** Every catalog version uploads these same bytes: the store keeps them once, as it would a re-upload. */
    private static final long SMALL_MODEL_BYTES = 16 * 1024;
    /** Clients filling the catalog; one model's versions are made in order by one of them. */
    private static final int CATALOG_WRITERS = 4;
    private static final String LOGS = "logs";

    @Spec
    CommandSpec spec;

    @Option(names = "--size-mb", defaultValue = "1024", paramLabel = "MIB",
            description = "Size of the large artifact in MiB (default 1024).")
    long sizeMb;

    @Option(names = "--models", defaultValue = "100", paramLabel = "N", description = "Models in the catalog (default 100).")
    int models;

    @Option(names = "--versions", defaultValue = "10", paramLabel = "N", description = "Versions of each model (default 10).")
    int versions;

    @Option(names = "--clients", defaultValue = "50", paramLabel = "N",
            description = "Concurrent clients listing the catalog (default 50).")
    int clients;

    @Option(names = "--requests", defaultValue = "200", paramLabel = "N",
            description = "Timed requests per client (default 200).")
    int requests;

    @Option(names = "--warmup", defaultValue = "20", paramLabel = "N",
            description = "Untimed requests per client before the timed ones (default 20).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Runs of cp; best kept (default 3).")
    int repeat;

    @Option(names = "--stores", defaultValue = "h2,postgres,s3", split = ",", paramLabel = "STORE",
            converter = StoreKind.Converter.class,
            description = "Artifact stores to measure, in order, each with a fresh server: h2 (embedded), postgres (the"
                    + " test kit's PostgreSQL, a fresh schema), s3 (S3Proxy in this JVM on the work folder's disk, rows"
                    + " in embedded H2). The listing runs on the first. Default: h2,postgres,s3.")
    List<StoreKind> stores;

    @Option(names = "--heap", defaultValue = "256m", paramLabel = "SIZE", description = "The server's -Xmx (default 256m).")
    String heap;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Folder for the artifact, its copies and the server's data (default: a temporary folder)."
                    + " A fresh folder is made inside it and removed afterwards.")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (stores.isEmpty() || stores.stream().distinct().count() < stores.size()) {
            throw new ParameterException(spec.commandLine(), "--stores takes each store once, e.g. h2,postgres,s3");
        }
        if (sizeMb < 1 || models < 1 || versions < 1 || clients < 1 || requests < 1 || warmup < 0 || repeat < 1) {
            throw new ParameterException(spec.commandLine(), "sizes and counts must be positive");
        }
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new ParameterException(spec.commandLine(), "--heap takes an -Xmx size such as 256m, not '" + heap
                    + "'");
        }
        Path work = workDir == null ? Files.createTempDirectory("modeldock-registry-bench-")
                : Files.createTempDirectory(Files.createDirectories(workDir), "modeldock-registry-bench-");
        boolean finished = false;
        try {
            run(work, spec.commandLine().getOut());
            finished = true;
        } finally {
            // After a failure the servers' logs stay, the gigabytes go.
            Path logs = work.resolve(LOGS);
            boolean keepLogs = !finished;
            delete(work, path -> keepLogs && (path.startsWith(logs) || path.equals(work)));
            if (keepLogs && Files.isDirectory(logs)) {
                spec.commandLine().getErr().println("the server's logs are in " + logs);
            }
        }
        return 0;
    }

    private void run(Path work, PrintWriter out) throws Exception {
        out.printf("registry benchmark: %d MiB artifact; catalog of %d models x %d versions; %d clients x %d"
                + " requests%n", sizeMb, models, versions, clients, requests);
        out.printf("work folder %s: the artifact, its copies and the server's data on one disk%n", work);
        out.flush();
        Path artifact = work.resolve("large.onnx");
        SyntheticModel.writeRegressor(artifact, sizeMb * MIB);
        DiskCopy.force(artifact); // its write-back must not overlap the timings that follow
        long size = Files.size(artifact);

        double cp = DiskCopy.bestSeconds(artifact, work.resolve("copy.onnx"), false, repeat);
        Transfers.row(out, "cp to the same disk (into the page cache), best of " + repeat, cp, size, "");
        double cpFsync = DiskCopy.bestSeconds(artifact, work.resolve("copy.onnx"), true, repeat);
        Transfers.row(out, "cp + fsync of the copy, best of " + repeat, cpFsync, size, "");

        TransferTable table = new TransferTable(size, cp, cpFsync);
        for (StoreKind store : stores) {
            table.add(onFreshServer(store, store == stores.get(0), work, out, artifact, cp, cpFsync));
        }
        table.print(out);
    }

    /**
     * Starts a fresh store and a server on it, times the transfers (and on the first store the
     * listing), stops both and removes what they stored; the logs stay with the others.
     */
    private TransferTable.Row onFreshServer(StoreKind kind, boolean listing, Path work, PrintWriter out,
            Path artifact, double cp, double cpFsync) throws Exception {
        Path folder = Files.createDirectories(work.resolve(kind.label()));
        String token = "mdk_bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        out.printf("%n%s: %s%n", kind.label(), kind.description());
        out.flush();
        try (StoreUnderTest store = kind.start(folder);
                ServerProcess server = ServerProcess.start(heap, folder.resolve("data"), token, store,
                        work.resolve(LOGS).resolve(kind.label()), Duration.ofMinutes(2))) {
            out.printf("server: child JVM pid %d, -Xmx%s (heap limit %s by its GC log), -XX:+ExitOnOutOfMemoryError%n",
                    server.pid(), heap, mib(server.maxHeapBytes()));
            out.flush();
            // No limit on a request: the large artifact takes as long as the disk and the heap make it.
            ApiClient client = ApiClient.local(server.port(), token).withTimeout(null);
            try {
                Transfers transfers = Transfers.measure(out, client, artifact, work.resolve("downloaded.onnx"), cp,
                        cpFsync);
                OptionalLong peak = server.peakResidentBytes();
                memory(out, "server after the transfers", server);
                if (listing) {
                    catalog(out, client, work);
                    listing(out, server, client);
                    memory(out, "server at the end", server);
                }
                if (server.ranOutOfMemory()) {
                    throw new ModelDockException("the registry server ran out of memory: " + server.exitReport());
                }
                return new TransferTable.Row(kind, transfers, peak);
            } catch (Exception | AssertionError e) {
                if (!server.isAlive()) {
                    throw new ModelDockException("the registry server on " + kind.label() + " died ("
                            + server.exitReport() + ")", e);
                }
                if (e instanceof AssertionError) {
                    throw new ModelDockException("the registry server on " + kind.label() + " answered wrongly: "
                            + e.getMessage(), e);
                }
                throw e;
            }
        } finally {
            delete(folder, path -> false);
        }
    }

    private void catalog(PrintWriter out, ApiClient client, Path work) throws Exception {
        Path small = work.resolve("small.onnx");
        SyntheticModel.writeRegressor(small, SMALL_MODEL_BYTES);
        String metadata = SyntheticModel.regressorMetadata();
        ExecutorService writers = Executors.newFixedThreadPool(CATALOG_WRITERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> made = new ArrayList<>();
            for (int m = 0; m < models; m++) {
                String name = String.format("bench-%03d", m);
                List<String> tags = List.of("benchmark", "group-" + m % 10);
                made.add(writers.submit(() -> {
                    client.createModel(name, "benchmark model " + name, tags);
                    for (int v = 0; v < versions; v++) {
                        client.upload(name, small, metadata);
                    }
                    return null;
                }));
            }
            for (Future<?> model : made) {
                model.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            writers.shutdownNow();
        }
        double elapsed = seconds(start);
        out.printf("%-58s %8.3f s %8.1f versions/s%n", String.format("catalog: %d x %d versions of a %d KiB model,"
                + " %d writers", models, versions, SMALL_MODEL_BYTES / 1024, CATALOG_WRITERS), elapsed,
                models * versions / elapsed);
        out.flush();
    }

    private void listing(PrintWriter out, ServerProcess server, ApiClient client) throws Exception {
        JsonNode page = client.get("/api/v1/models").expect(200).json();
        if (page.path("total").asInt() != models) {
            throw new ModelDockException("the catalog lists " + page.path("total") + " models, not " + models);
        }
        out.printf("GET /api/v1/models (default page: %d of %d models), %d clients x %d requests after %d warm-up"
                + " each%n", page.path("items").size(), models, clients, requests, warmup);
        out.flush();
        Duration serverBefore = server.cpuTime();
        Duration clientsBefore = ownCpuTime();
        ListingLoad.Result result = ListingLoad.run(client, clients, warmup, requests);
        // Warm-up requests included: both processes' CPU clocks run for the whole load.
        double serverCpu = seconds(server.cpuTime().minus(serverBefore));
        double clientsCpu = seconds(ownCpuTime().minus(clientsBefore));
        out.printf("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", result.latencies().percentileMillis(50),
                result.latencies().percentileMillis(90), result.latencies().percentileMillis(99),
                result.latencies().maxMillis());
        out.printf("throughput: %.0f requests/s (%d requests in %.3f s)%n", result.requestsPerSecond(),
                result.latencies().count(), result.seconds());
        int all = clients * (warmup + requests);
        out.printf("CPU for all %d requests: server %.1f s (%.2f ms a request), clients %.1f s; %d cores%n", all,
                serverCpu, serverCpu * 1000 / all, clientsCpu, Runtime.getRuntime().availableProcessors());
        out.flush();
    }

    /** Removes {@code root} and everything in it that {@code keep} does not name; a failure only warns. */
    private void delete(Path root, Predicate<Path> keep) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!keep.test(path)) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) { // a partly deleted folder is not worth hiding the result for
            spec.commandLine().getErr().println("warning: cannot remove " + root + ": " + e.getMessage());
        }
    }

    /** CPU time of this JVM, all threads: the clients' share of a machine both sides run on. */
    private static Duration ownCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void memory(PrintWriter out, String when, ServerProcess server) throws IOException {
        String heap = server.heapPeaks().map(p -> String.format("%d GC pauses (%d full collections), at most %s in"
                + " use before one and %s after", p.pauses(), p.fullCollections(), mib(p.beforePause()),
                mib(p.afterPause()))).orElse("no GC pause yet");
        out.printf("%s: peak RSS %s; heap of %s: %s%n", when, mib(server.peakResidentBytes()),
                mib(server.maxHeapBytes()), heap);
        out.flush();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? mib(bytes.getAsLong()) : "n/a";
    }

    private static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / (double) MIB);
    }
}
