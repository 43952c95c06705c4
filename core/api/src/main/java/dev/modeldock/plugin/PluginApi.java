package dev.modeldock.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this plugin API, which the host checks every plugin's {@code plugin.requires}
 * against when it loads the plugin. The package documentation says what the version means and when
 * it changes.
 */
public final class PluginApi {

    /**
     * This API's semantic version, e.g. {@code 0.1.0}, and the host's pf4j system version.
     *
     * <p>It is stated once, as {@code plugin.api.version} in the root pom: Maven filters it into
     * {@code plugin-api.properties} beside this class, and the built-in plugins' {@code plugin.requires}
     * is derived from the same property. It is read at run time, not a compile-time constant, so a
     * plugin that looks at it sees the version of the host it runs in, not the one it was built with.
     */
    public static final String VERSION = read();

    /**
     * The {@code plugin.requires} of a plugin built against this API: every later version that keeps
     * it working, {@code ^VERSION} (up to the next major, or the next minor while the major is 0).
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
                    + version + "', not major.minor.patch (was it filtered from the root pom's plugin.api.version?)");
        }
        return version;
    }
}
