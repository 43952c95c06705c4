package dev.modeldock.server;

import dev.modeldock.cli.ModelDockCommand;
import dev.modeldock.host.Extensions;
import dev.modeldock.host.PluginSources;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.jvm.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code modeldock serve} in a JVM of its own on a free port, started as a user starts it, so that a
 * test can end it the way a crash does, or read what it logged.
 */
final class ServeProcess {
    /** The first admin's token of every server started here. */
    static final String TOKEN = "child-server-admin-token";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private ServeProcess() {
    }

    /**
     * Starts the server on {@code data}; returns once it listens. Its output and errors go to a
     * folder beside {@code data}.
     *
     * @param extraArgs  more {@code serve} options, e.g. {@code --db-url}
     * @param dbPassword for {@code MODELDOCK_DB_PASSWORD}; null for none
     */
    static ChildJvm serve(Path data, List<String> extraArgs, String dbPassword) throws IOException {
        return serve(data, extraArgs, dbPassword, Map.of());
    }

    /** As {@link #serve(Path, List, String)}, with more system properties, e.g. log levels. */
    static ChildJvm serve(Path data, List<String> extraArgs, String dbPassword, Map<String, String> properties)
            throws IOException {
        return serve(data, extraArgs, dbPassword, properties, Map.of());
    }

    /** As {@link #serve(Path, List, String, Map)}, with more environment variables, e.g. an object store's keys. */
    static ChildJvm serve(Path data, List<String> extraArgs, String dbPassword, Map<String, String> properties,
            Map<String, String> environment) throws IOException {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", data.toString()));
        args.addAll(extraArgs);
        ChildJvm.Builder builder = ChildJvm.java(ModelDockCommand.class.getName(), args.toArray(String[]::new))
                .jvmOptions("-Xmx1g")
                .systemProperty(PluginSources.BUILTIN_DIR_PROPERTY, Extensions.defaultFolder().toString())
                .environment("MODELDOCK_ADMIN_TOKEN", TOKEN)
                .environment("MODELDOCK_SECRET_KEY", null)
                .environment("MODELDOCK_DB_PASSWORD", dbPassword)
                .logs(data.resolveSibling(data.getFileName() + "-logs"), "serve");
        properties.forEach(builder::systemProperty);
        environment.forEach(builder::environment);
        ChildJvm server = builder.start();
        try {
            server.awaitPort(ChildJvm.MODELDOCK_LISTENING, START_TIMEOUT);
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** The admin's client of {@code server}. */
    static ApiClient api(ChildJvm server) {
        return ApiClient.local(server.port(), TOKEN);
    }
}
