package dev.modeldock.ui.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the pages load their browser libraries from: the WebJars' paths with the versions the root
 * pom pins, filtered into {@code webjars.properties} at build time, so a version is stated once.
 */
public final class Assets {
    private static final Properties PATHS = load();

    public static final String HTMX = PATHS.getProperty("htmx");
    public static final String HTMX_SSE = PATHS.getProperty("htmx-sse");
    public static final String CHART_JS = PATHS.getProperty("chartjs");

    private Assets() {
    }

    private static Properties load() {
        try (InputStream in = Assets.class.getResourceAsStream("/dev/modeldock/ui/webjars.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
