package dev.modeldock.host.internal;

import dev.modeldock.host.PluginInfo;
import java.util.List;
import java.util.Map;

/**
 * A plugin as the host keeps it: where it was found, how it is listed, and, when started, its
 * extensions (made once, at load, and guarded) by extension point.
 */
public record StartedPlugin(Candidate candidate, PluginInfo info, Map<ExtensionKind<?>, List<Object>> extensions) {

    static StartedPlugin notStarted(Candidate candidate, PluginInfo info) {
        return new StartedPlugin(candidate, info, Map.of());
    }

    StartedPlugin stopped(PluginInfo.State state, String reason) {
        return new StartedPlugin(candidate, info.stopped(state, reason), Map.of());
    }

    /** Its extensions of {@code kind}, in pf4j's order. */
    public <T> List<T> extensions(ExtensionKind<T> kind) {
        return extensions.getOrDefault(kind, List.of()).stream().map(kind.type()::cast).toList();
    }
}
