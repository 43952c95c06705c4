package dev.modeldock.cli;

import dev.modeldock.config.EmbeddingModelConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "preconfigured", mixinStandardHelpOptions = true,
        description = "Prints the preconfigured models as JSON: names, or with --properties their configurations.")
final class PreconfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--properties", description = "Include each model's properties.")
    boolean properties;

    @Option(names = "--model", paramLabel = "NAME", description = "With --properties, only this model.")
    String model;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Json.write(EmbeddingModelConfig.showPreconfigured(properties, model)));
        return 0;
    }
}
