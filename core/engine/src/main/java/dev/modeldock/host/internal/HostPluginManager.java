package dev.modeldock.host.internal;

import dev.modeldock.plugin.PluginApi;
import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * pf4j's manager as the host drives it: plugin by plugin ({@code loadPlugin(path)}), never
 * {@code loadPlugins()}, so one bad plugin cannot stop the others. The host checks each descriptor
 * itself ({@link PluginFolder}) and keeps its own disabled list, so pf4j's checks and its
 * {@code disabled.txt} in the plugin folder are switched off.
 */
final class HostPluginManager extends DefaultPluginManager {

    /** @param root only for pf4j's constructor, which wants a plugin root; nothing is read from it */
    HostPluginManager(Path root) {
        super(root);
        setSystemVersion(PluginApi.VERSION);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("the host keeps its own disabled list");
            }

            @Override
            public void enablePlugin(String pluginId) {
                throw new UnsupportedOperationException("the host keeps its own disabled list");
            }
        };
    }

    /** Checked by {@link PluginFolder#descriptor} before loading. */
    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        return true;
    }
}
