package dev.modeldock.cli;

import dev.modeldock.config.EmbeddingModelConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "Prints the configuration templates' names as JSON.")
final class TemplatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Json.write(EmbeddingModelConfig.showTemplates()));
        return 0;
    }
}
