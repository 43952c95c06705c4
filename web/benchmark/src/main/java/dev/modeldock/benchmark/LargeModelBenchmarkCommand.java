package dev.modeldock.benchmark;

import dev.modeldock.testkit.BertShapedHubFolder;
import dev.modeldock.testkit.BertShapedHubFolder.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What converting a model as large as teams ask for costs: a BERT-large-shaped encoder (1.34 GB, one
 * file) and an XLM-R-large-sized one (2.24 GB, its weights in external data), random weights, each
 * exported by {@code modeldock.jar export} in a JVM of its own with the default heap, as a user runs
 * it. Prints each run's wall time, split into validation (from the export's debug log) and the rest
 * (reading, building, writing), the IO floor ({@code cp} + fsync of the source's files), the rest
 * over the floor, peak RSS (the child's VmHWM) and RSS over the source's size.
 */
@Command(name = "large-models", mixinStandardHelpOptions = true,
        description = "Generates BERT-large-shaped and XLM-R-large-sized random models and measures their export.")
final class LargeModelBenchmarkCommand implements Callable<Integer> {
    /** One export: the model, what it is converted to, and for which Oracle release. */
    private record Run(Shape shape, boolean externalData, boolean quantize, int release) {
        String describe() {
            return shape.name() + (externalData ? " (external data)" : "") + ", " + (quantize ? "int8" : "float32")
                    + ", release " + release;
        }
    }

    private static final List<Run> RUNS = List.of(
            new Run(Shape.BERT_LARGE, false, false, 26),
            new Run(Shape.BERT_LARGE, false, false, 23),
            new Run(Shape.XLM_R_LARGE, true, true, 23),
            // Over 2 GB in float32: for 26ai the weights go to external data unasked, packaged as a zip.
            new Run(Shape.XLM_R_LARGE, true, false, 26));

    private static final Pattern VALIDATION = Pattern.compile("validation took ([0-9.]+) s");

    @Spec
    CommandSpec spec;

    @Option(names = "--work-dir", required = true, paramLabel = "DIR", description = "Scratch folder (emptied).")
    Path work;

    @Option(names = "--jar", defaultValue = "web/target/modeldock.jar", paramLabel = "FILE",
            description = "The command line to measure (default web/target/modeldock.jar).")
    Path jar;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-52s %9s %9s %10s %9s %8s %7s %10s %7s  %s%n", "export", "source", "wall",
                "validation", "the rest", "IO floor", "rest/IO", "peak RSS", "RSS/size", "outcome");
        Path folder = null;
        Shape generated = null;
        double floor = 0;
        for (Run run : RUNS) {
            if (!run.shape().equals(generated)) {
                deleteTree(work.resolve("models"));
                long start = System.nanoTime();
                folder = BertShapedHubFolder.create(work.resolve("models"), run.shape(), run.externalData(), 42);
                generated = run.shape();
                spec.commandLine().getErr().printf(Locale.ROOT, "generated %s (%d parameters) in %.1f s%n",
                        run.shape().name(), run.shape().parameters(), (System.nanoTime() - start) / 1e9);
                settle(folder);
                floor = ioFloor(folder); // once per model: the same files, so one figure for both its exports
            }
            long size = sourceBytes(folder);
            ChildRun child = export(run, folder);
            OptionalDouble validation = validationSeconds(work.resolve("export.log"));
            double rest = child.seconds() - validation.orElse(0);
            out.printf(Locale.ROOT, "%-52s %7.2f GB %7.1f s %10s %7.1f s %6.1f s %7.1f %7.2f GB %7.2f  %s%n",
                    run.describe(), size / 1e9, child.seconds(), validation.isPresent()
                            ? String.format(Locale.ROOT, "%.1f s", validation.getAsDouble()) : "-", rest, floor,
                    rest / floor, child.peakRssBytes() / 1e9, (double) child.peakRssBytes() / size, child.outcome());
        }
        deleteTree(work.resolve("models"));
        return 0;
    }

    /**
     * What the export's validation took, as its debug log says ("validation took 12.3 s"); empty for
     * an export refused before it validated. The target is for the rest: reading, building and
     * writing, against the IO floor.
     */
    private static OptionalDouble validationSeconds(Path log) throws IOException {
        Matcher figure = VALIDATION.matcher(Files.readString(log));
        return figure.find() ? OptionalDouble.of(Double.parseDouble(figure.group(1))) : OptionalDouble.empty();
    }

    /**
     * Forces the generated files to the disk, so that neither the IO floor nor the export shares the
     * disk with the kernel writing the model back behind them (runs varied by seconds before), and
     * waits until they are settled: more than two seconds old, as a downloaded model is, so that the
     * export hashes them as it would a user's.
     */
    private static void settle(Path folder) throws IOException, InterruptedException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                DiskCopy.force(file);
            }
        }
        Thread.sleep(2_100);
    }

    /** The encoder's files: what a conversion has to read at least once. */
    private static long sourceBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve("onnx"))) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /**
     * {@code cp} + fsync of the encoder's files, best of three: reading and writing the model once.
     * On this virtual disk one copy of the same file took 1.3 to 3.4 s; the best of several is the
     * floor the disk can reach.
     */
    private double ioFloor(Path folder) throws IOException, InterruptedException {
        double seconds = 0;
        try (Stream<Path> files = Files.list(folder.resolve("onnx"))) {
            for (Path file : files.toList()) {
                seconds += DiskCopy.bestSeconds(file, work.resolve("copy"), true, 3);
            }
        }
        return seconds;
    }

    private ChildRun export(Run run, Path folder) throws IOException, InterruptedException {
        Path output = Files.createDirectories(work.resolve("out"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "export", "--model", folder.toString(), "--template", "text",
                "--config", "{\"max_seq_length\": 128, \"quantize_model\": " + run.quantize() + "}",
                "--ignore-quality-gate", "--name", "large", "--output-dir", output.toString(), "--target-release",
                String.valueOf(run.release()), "--log-level", "debug"));
        ChildRun child = ChildRun.of(command, work.resolve("export.log"));
        deleteTree(output);
        return child;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
