package dev.modeldock.benchmark;

import dev.modeldock.cli.ModelDockCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code modeldock-benchmark}: the benchmark commands, kept out of {@code modeldock.jar}.
 * {@code src/bin/benchmark}, {@code src/bin/benchmark-registry}, {@code src/bin/benchmark-pages},
 * {@code src/bin/benchmark-hub} and {@code src/bin/benchmark-large-models} run them.
 */
@Command(name = "modeldock-benchmark", mixinStandardHelpOptions = true,
        description = "Measures ModelDock and prints the figures.",
        subcommands = {BenchmarkCommand.class, RegistryBenchmarkCommand.class, PagesBenchmarkCommand.class,
                HubBenchmarkCommand.class, LargeModelBenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class BenchmarkMain {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a benchmark command line, printing figures to {@code out} and one-line errors to {@code err}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return ModelDockCommand.run(new BenchmarkMain(), args, out, err);
    }
}
