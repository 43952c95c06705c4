package dev.modeldock.testkit.plugin;

import dev.modeldock.host.Extensions;

/**
 * The built-in plugins as the build unpacked them (web/target/plugins, named by the
 * modeldock.builtin.plugins.dir property Surefire sets), loaded through pf4j as the command line loads them.
 */
public final class Plugins {
    private static Extensions builtIn;

    private Plugins() {
    }

    /** Loaded once per test JVM and shared by its tests, which must not close them. */
    public static synchronized Extensions builtIn() {
        if (builtIn == null) {
            builtIn = Extensions.load(Extensions.defaultFolder());
        }
        return builtIn;
    }
}
