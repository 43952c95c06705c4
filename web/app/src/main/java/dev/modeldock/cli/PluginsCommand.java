package dev.modeldock.cli;

import dev.modeldock.host.Extensions;
import dev.modeldock.host.PluginInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Prints the installed plugins (the built-in ones and those of MODELDOCK_PLUGINS_DIR), their"
                + " versions, states and extensions as JSON, and one line on standard error for each plugin that"
                + " is not started.",
                "Exits with 1 when a plugin failed to load; a plugin disabled by choice (MODELDOCK_PLUGINS_DISABLED)"
                        + " is not a failure."})
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logging.configure(null);
        try (Extensions extensions = Extensions.load()) {
            spec.commandLine().getOut().println(Json.write(extensions.describe()));
            boolean failed = false;
            for (PluginInfo plugin : extensions.describe()) {
                if (plugin.state() != PluginInfo.State.STARTED) {
                    spec.commandLine().getErr().println(plugin.line());
                    failed |= plugin.state() == PluginInfo.State.FAILED;
                }
            }
            return failed ? 1 : 0;
        }
    }
}
