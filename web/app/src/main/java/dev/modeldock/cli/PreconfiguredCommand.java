package dev.modeldock.cli;

import dev.modeldock.config.CatalogProvenance;
import dev.modeldock.config.EmbeddingModelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@SuppressWarnings("unchecked")
@Command(name = "preconfigured", mixinStandardHelpOptions = true,
        description = "Prints the preconfigured models as JSON: names, or with --properties their configurations"
                + " (with --provenance also where each value comes from).")
final class PreconfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--properties", description = "Include each model's properties.")
    boolean properties;

    @Option(names = "--model", paramLabel = "NAME", description = "With --properties, only this model.")
    String model;

    @Option(names = "--provenance", description = "With --properties, also each model's provenance: the source of"
            + " every value, the pinned hub commit and file SHA-256s, or why they are not pinned yet.")
    boolean provenance;

    @Override
    public Integer call() {
        List<Object> shown = EmbeddingModelConfig.showPreconfigured(properties, model);
        spec.commandLine().getOut().println(Json.write(properties && provenance ? withProvenance(shown) : shown));
        return 0;
    }

    /** OML4Py's one map from name to properties, each entry with its provenance added. */
    private static List<Object> withProvenance(List<Object> shown) {
        Map<String, Object> entries = new LinkedHashMap<>();
        ((Map<?, ?>) shown.get(0)).forEach((name, props) -> {
            Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) props);
            entry.put("provenance", CatalogProvenance.of((String) name).orElseThrow().toMap());
            entries.put((String) name, entry);
        });
        return List.of(entries);
    }
}
