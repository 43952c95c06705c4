package dev.modeldock.ui.page.newversion;

import dev.modeldock.config.CatalogProvenance;
import dev.modeldock.service.CatalogService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The preconfigured models as the conversion form summarises them: what each one's
 * preconfiguration sets, in the words of its properties, and which of those values are assumptions
 * that no source confirms, so that a user knows what choosing one decides for them.
 */
public final class Presets {
    /**
     * One preconfigured model's summary.
     *
     * @param pooling    the Pooling mode ({@code mean}, {@code cls}), or {@code none}
     * @param dense      its Dense layers ({@code 768 → 512, Tanh}), or {@code none}
     * @param unverified the properties whose value is a labelled assumption
     * @param pinned     the pinned hub commit, or empty while the first verified download has not recorded it
     */
    public record Preset(String name, String maxSeqLength, String pooling, boolean normalize, String dense,
            boolean lowerCase, List<String> unverified, String pinned) {
    }

    private final CatalogService catalog;

    Presets(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** Every preconfigured model, in the catalog's order. */
    @SuppressWarnings("unchecked")
    List<Preset> all() {
        List<Preset> all = new ArrayList<>();
        ((Map<String, Map<String, Object>>) catalog.preconfigured()).forEach((name, properties) -> {
            CatalogProvenance provenance = catalog.provenance(name).orElse(null);
            all.add(preset(name, properties, provenance == null ? List.of() : provenance.unverified(),
                    provenance == null ? "" : provenance.pinnedCommit().orElse("")));
        });
        return all;
    }

    /** The summary of one model's properties (a configuration's JSON form). */
    static Preset preset(String name, Map<String, Object> properties, List<String> unverified, String pinned) {
        String pooling = "none";
        boolean normalize = false;
        List<String> dense = new ArrayList<>();
        if (properties.get("post_processors") instanceof List<?> steps) {
            for (Object step : steps) {
                if (step instanceof Map<?, ?> entry) {
                    switch (String.valueOf(entry.get("name"))) {
                        case "Pooling" -> pooling = String.valueOf(entry.get("type"));
                        case "Normalize" -> normalize = true;
                        case "Dense" -> dense.add(dense(entry));
                        default -> { }
                    }
                }
            }
        }
        Object max = properties.get("max_seq_length");
        return new Preset(name, max == null ? "the encoder's" : String.valueOf(max), pooling, normalize,
                dense.isEmpty() ? "none" : String.join("; ", dense),
                !Boolean.FALSE.equals(properties.get("do_lower_case")), List.copyOf(unverified), pinned);
    }

    /** A Dense entry as {@code in → out, activation}. */
    private static String dense(Map<?, ?> entry) {
        Object activation = entry.get("activation_function");
        return entry.get("in_features") + " → " + entry.get("out_features") + (activation == null ? "" : ", " + activation);
    }
}
