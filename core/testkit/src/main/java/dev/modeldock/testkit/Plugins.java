package dev.modeldock.testkit;

import dev.modeldock.host.Extensions;

/**
 * The built-in plugins as the build unpacked them (web/target/plugins, named by the
 * modeldock.plugins.dir property Surefire sets), loaded through pf4j as the command line loads them.
 */
public final class Plugins {
    private Plugins() {
    }

    public static Extensions builtIn() {
        return Extensions.installed();
    }
}
