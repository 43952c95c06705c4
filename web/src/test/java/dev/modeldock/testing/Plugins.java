package dev.modeldock.testing;

import dev.modeldock.host.Extensions;

/**
 * The built-in plugins as the build unpacked them (web/target/plugins), loaded once for the whole
 * test run through pf4j exactly as the command line loads them.
 */
public final class Plugins {
    private static Extensions shared;

    private Plugins() {
    }

    public static synchronized Extensions builtIn() {
        if (shared == null) {
            shared = Extensions.load(Extensions.defaultFolder());
        }
        return shared;
    }
}
