package dev.modeldock.cli;

import dev.modeldock.host.Extensions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Prints the installed plugins, their versions and extensions as JSON.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logging.configure(null);
        try (Extensions extensions = Extensions.load(Extensions.defaultFolder())) {
            spec.commandLine().getOut().println(Json.write(extensions.describe()));
        }
        return 0;
    }
}
