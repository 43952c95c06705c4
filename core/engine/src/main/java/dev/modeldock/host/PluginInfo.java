package dev.modeldock.host;

import java.util.List;
import java.util.Map;

/**
 * One installed plugin as listings show it: the command line's {@code plugins}, the server's
 * {@code GET /api/v1/plugins}.
 *
 * @param id          {@code plugin.id}; for a plugin whose descriptor cannot be read, its folder or zip name
 * @param version     {@code plugin.version}; null when unreadable
 * @param provider    {@code plugin.provider}; null when not given
 * @param requires    {@code plugin.requires}, the plugin API versions it accepts; null when not given
 * @param description {@code plugin.description}; null when not given
 * @param source      the folder or zip it was loaded from
 * @param state       whether it runs
 * @param reason      why it is not started, one line naming it and what to do; null when started
 * @param extensions  extension names by extension point, e.g. {@code {"PostProcessor": ["Dense", ...]}};
 *                    empty unless started
 * @param builtIn     whether it comes with ModelDock (its {@code plugins/} folder) rather than from an
 *                    extra folder or an upload
 */
public record PluginInfo(String id, String version, String provider, String requires, String description,
        String source, State state, String reason, Map<String, List<String>> extensions, boolean builtIn) {

    /** What became of a plugin found in a plugin folder. */
    public enum State {
        /** Loaded, its extensions made and handed out. */
        STARTED,
        /** Refused or broken: see the reason; the other plugins run. */
        FAILED,
        /** Switched off by choice ({@code modeldock.plugins.disabled}, or on a server by an admin). */
        DISABLED
    }

    /** "id@version", as provenance names a plugin. */
    public String label() {
        return id + "@" + version;
    }

    /** This plugin in {@code state}, for {@code reason}, with no extensions handed out. */
    public PluginInfo stopped(State state, String reason) {
        return new PluginInfo(id, version, provider, requires, description, source, state, reason, Map.of(), builtIn);
    }

    /** One line: "acme-pool 1.2.0 STARTED PostProcessor: AcmePool", or the reason it is not started. */
    public String line() {
        String head = id + (version == null ? "" : " " + version) + " " + state;
        if (state == State.DISABLED) {
            return head + " (disabled by choice, not a failure" + (reason == null ? "" : ": " + reason) + ")";
        }
        if (reason != null) {
            return head + ": " + reason;
        }
        StringBuilder line = new StringBuilder(head);
        extensions.forEach((kind, names) -> line.append(" ").append(kind).append(": ").append(String.join(", ",
                names)));
        return line.toString();
    }
}
