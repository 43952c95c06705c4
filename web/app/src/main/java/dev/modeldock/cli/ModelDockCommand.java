package dev.modeldock.cli;

import dev.modeldock.plugin.ModelDockException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code java -jar modeldock.jar}: the entry point; each subcommand is one class. */
@Command(name = "modeldock", mixinStandardHelpOptions = true, versionProvider = ModelDockCommand.Version.class,
        description = "Turns sentence-embedding models into self-contained ONNX pipelines for Oracle Database.",
        subcommands = {TemplatesCommand.class, PreconfiguredCommand.class, ExportCommand.class, EmbedCommand.class,
                MetadataCommand.class,
                PluginsCommand.class, ServeCommand.class, UsersCommand.class,
                CommandLine.HelpCommand.class})
public final class ModelDockCommand {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line, printing results to {@code out} and one-line errors to {@code err}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(new ModelDockCommand(), args, out, err);
    }

    /**
     * Runs {@code command} (a picocli command object) the way {@code modeldock} runs: results to
     * {@code out}, one-line errors to {@code err}, exit 2 for a usage error and 1 for a failure.
     */
    public static int run(Object command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, parsed, result) -> {
            err.println("error: " + describe(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    /** One line: the user-facing message of a {@link ModelDockException}, else the cause's type and message. */
    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ModelDockException) {
                return oneLine(cause.getMessage());
            }
        }
        return oneLine(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {dev.modeldock.host.ToolVersion.current()};
        }
    }
}
