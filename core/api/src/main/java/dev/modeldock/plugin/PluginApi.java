package dev.modeldock.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this plugin API, which the host checks every plugin's {@code plugin.requires}
 * against when it loads the plugin. The package documentation says what the version means and when
 * it changes.
 *
 * @since 1.0.0
 */
public final class PluginApi {

    /**
     * This API's semantic version, e.g. {@code 1.0.0}, and the host's pf4j system version.
     *
     * <p>It is the Maven version of the artifact {@code dev.modeldock:modeldock-api}, filtered into
     * {@code plugin-api.properties} beside this class; the root pom's {@code plugin.api.version}, from
     * which the built-in plugins' {@code plugin.requires} is derived, states the same number. It is read
     * at run time, not a compile-time constant, so a plugin that looks at it sees the version of the host
     * it runs in, not the one it was built with.
     */
    public static final String VERSION = read();

    /**
     * The {@code plugin.requires} of a plugin built against this API: every later version that keeps
     * it working, {@code ^VERSION}: up to, not including, the next major version.
     */
    public static final String REQUIRES = "^" + VERSION;

    private static final String RESOURCE = "plugin-api.properties";

    private PluginApi() {
    }

    private static String read() {
        Properties properties = new Properties();
        try (InputStream in = PluginApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ModelDock is built wrong: " + RESOURCE + " is missing beside "
                        + PluginApi.class.getName());
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("version", "").trim();
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalStateException("ModelDock is built wrong: " + RESOURCE + " gives the plugin API version '"
                    + version + "', not major.minor.patch (was it filtered from the artifact's version?)");
        }
        return version;
    }
}
