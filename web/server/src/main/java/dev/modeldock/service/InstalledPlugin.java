package dev.modeldock.service;

import dev.modeldock.host.PluginInfo;
import java.util.List;
import java.util.Map;

/**
 * A plugin as the server lists it ({@code GET /api/v1/plugins}, the web UI's plugin page).
 *
 * @param id          {@code plugin.id}; for a plugin whose descriptor cannot be read, its folder or zip name
 * @param version     {@code plugin.version}; null when unreadable
 * @param provider    {@code plugin.provider}; null when not given
 * @param requires    {@code plugin.requires}, the plugin API versions it runs against; null when not given
 * @param description {@code plugin.description}; null when not given
 * @param state       {@code STARTED}, {@code FAILED} or {@code DISABLED}
 * @param reason      why it is not started, one line naming it and what to do; null when started or disabled
 * @param extensions  extension names by kind ({@code ExportTarget}, {@code PostProcessor}, {@code Tokenizer});
 *                    empty unless started
 * @param builtIn     comes with ModelDock: it can be disabled, not removed
 * @param uploaded    uploaded to this server: it can be replaced by another upload, and removed
 * @param source      the folder or zip it was loaded from, on the server
 */
public record InstalledPlugin(String id, String version, String provider, String requires, String description,
        String state, String reason, Map<String, List<String>> extensions, boolean builtIn, boolean uploaded,
        String source) {

    static InstalledPlugin of(PluginInfo plugin, boolean uploaded) {
        return new InstalledPlugin(plugin.id(), plugin.version(), plugin.provider(), plugin.requires(),
                plugin.description(), plugin.state().name(), plugin.reason(), plugin.extensions(), plugin.builtIn(),
                uploaded, plugin.source());
    }
}
