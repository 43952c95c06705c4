package dev.modeldock.cli;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.service.OfflineRegistry;
import dev.modeldock.service.ServiceConfig;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code users set-password NAME}: sets a user's web UI password in the registry the server uses,
 * for the first admin before anyone can sign in, or for someone locked out. The password is typed
 * at the terminal without echo (twice), or read as one line from standard input when that is not a
 * terminal; it never appears on the command line, where other users of the machine could see it.
 */
@Command(name = "set-password", mixinStandardHelpOptions = true,
        description = {"Sets a user's password for the web UI and ends their sessions.",
                "Asks for it twice at a terminal (not shown); otherwise reads one line from standard input."
                        + " Run it while the server is stopped when the registry is the embedded one."})
final class SetPasswordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The terminal, when there is one; tests give none. */
    Console console = System.console();
    /** Where the password is read when there is no terminal; tests give their own. */
    InputStream standardInput = System.in;

    @Parameters(paramLabel = "NAME", description = "The user, e.g. admin.")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data folder (default ~/.modeldock).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "The server's PostgreSQL database (jdbc:postgresql://host/db) instead of the embedded one.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user; the password comes from $MODELDOCK_DB_PASSWORD.")
    String dbUser;

    @Override
    public Integer call() throws IOException {
        Logging.configure(null);
        ServiceConfig config = new ServiceConfig();
        if (dataDir != null) {
            config.dataDir = dataDir;
        }
        config.database.url = dbUrl;
        config.database.user = dbUser;
        config.database.password = System.getenv("MODELDOCK_DB_PASSWORD");
        char[] password = read();
        try (OfflineRegistry registry = OfflineRegistry.open(config)) {
            registry.sessions().setPassword(name, password, "cli");
        } finally {
            Arrays.fill(password, '\0');
        }
        spec.commandLine().getOut().println("password set for " + name + "; their sessions were ended");
        return 0;
    }

    private char[] read() throws IOException {
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(standardInput, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new ModelDockException("no password on standard input: give it as one line");
            }
            return line.toCharArray();
        }
        char[] first = console.readPassword("New password for %s: ", name);
        char[] second = console.readPassword("The same again: ");
        if (first == null || second == null) {
            throw new ModelDockException("no password typed");
        }
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new ModelDockException("the two passwords differ; nothing was changed");
        }
        return first;
    }
}
