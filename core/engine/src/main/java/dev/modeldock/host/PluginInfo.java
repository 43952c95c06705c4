package dev.modeldock.host;

import java.util.List;
import java.util.Map;

/**
 * One loaded plugin.
 *
 * @param extensions extension names by extension point, e.g. {@code {"PostProcessor": ["Dense", ...]}}
 */
public record PluginInfo(String id, String version, String state, Map<String, List<String>> extensions) {
}
