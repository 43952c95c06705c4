package dev.modeldock.server;

import dev.modeldock.testkit.RobertaHubFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Conversion requests of the plugin tests: a small model, and a post-processor a plugin provides. */
final class PluginsApiTestConversions {
    private PluginsApiTestConversions() {
    }

    /** A RoBERTa-shaped test model with {@code postProcessor} after mean pooling and normalisation. */
    static Map<String, Object> conversion(ServerFixture server, String postProcessor) {
        Path source = RobertaHubFolder.create(server.dataDir.resolve("sources/hub"));
        return Map.of("source", source.toString(), "template", "text", "config", Map.of("max_seq_length", 64, "do_lower_case", false,
                "post_processors", List.of(Map.of("name", "Pooling", "type", "mean"), Map.of("name", "Normalize"),
                        Map.of("name", postProcessor))));
    }
}
