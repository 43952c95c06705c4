package dev.modeldock.ui.page.newversion;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Job;
import dev.modeldock.service.CatalogService;
import dev.modeldock.service.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a conversion form starts from: a configuration template or a preconfigured model, with its
 * properties as the catalog lists them; or the request of an earlier job (source, revision,
 * properties and function), to try again.
 */
public final class Starts {
    /** One choice: its form value ({@code template:text}) and its label. */
    public record Start(String value, String label, boolean template) {
    }

    private final CatalogService catalog;

    Starts(CatalogService catalog) {
        this.catalog = catalog;
    }

    List<Start> all() {
        List<Start> all = new ArrayList<>();
        templates().keySet().forEach(name -> all.add(new Start(ConversionForm.TEMPLATE + name, name, true)));
        preconfigured().keySet().forEach(name -> all.add(new Start(ConversionForm.PRECONFIGURED + name, name, false)));
        return all;
    }

    String defaultStart() {
        return ConversionForm.TEMPLATE + templates().keySet().iterator().next();
    }

    /**
     * The form with the properties of {@code start} (an unknown one falls back to the first
     * template); a preconfigured model puts its hub id in a source that is blank or names another
     * preconfigured model (a folder on the server stays).
     */
    ConversionForm form(String start, String source, String revision) {
        Map<String, Object> config = properties(start);
        if (config == null) {
            start = defaultStart();
            config = properties(start);
        }
        if (start.startsWith(ConversionForm.PRECONFIGURED)
                && (source.isBlank() || preconfigured().containsKey(source.strip()))) {
            source = start.substring(ConversionForm.PRECONFIGURED.length());
        }
        return ConversionForm.of(start, source, revision, config);
    }

    /**
     * The function a form gets with a new start: a preconfigured model's own (a preconfigured
     * reranker's regression), else the one {@code chosen}.
     */
    String function(String start, String chosen) {
        return start.startsWith(ConversionForm.PRECONFIGURED) && preconfigured().containsKey(start.substring(
                ConversionForm.PRECONFIGURED.length()))
                ? catalog.preconfiguredFunction(start.substring(ConversionForm.PRECONFIGURED.length())) : chosen;
    }

    /**
     * The preconfigured model whose summary the form shows: the one its source names, else the one
     * it starts from; null when neither is one.
     */
    String shownPreconfigured(ConversionForm form) {
        if (preconfigured().containsKey(form.source().strip())) {
            return form.source().strip();
        }
        return form.start().startsWith(ConversionForm.PRECONFIGURED)
                ? form.start().substring(ConversionForm.PRECONFIGURED.length()) : null;
    }

    /**
     * The form a conversion job was started with: its source, template, properties and function; a request
     * without a template started from the preconfigured model its source names.
     */
    ConversionForm fromJob(Job job) {
        JsonNode conversion = Json.tree(job.request()).path("conversion");
        if (!conversion.isObject()) {
            return form(defaultStart(), "", ""); // a deployment's job: nothing to fill in
        }
        String source = conversion.path("source").asText("");
        String revision = conversion.path("revision").isTextual() ? conversion.path("revision").asText() : "";
        Map<String, Object> config = conversion.path("config").isObject()
                ? Json.MAPPER.convertValue(conversion.path("config"), new TypeReference<Map<String, Object>>() { })
                : Map.of();
        String start = conversion.path("template").isTextual()
                ? ConversionForm.TEMPLATE + conversion.path("template").asText()
                : preconfigured().keySet().stream().filter(name -> source.equals(name) || source.endsWith("/" + name))
                        .findFirst().map(name -> ConversionForm.PRECONFIGURED + name).orElse(defaultStart());
        Map<String, Object> merged = new LinkedHashMap<>(properties(start) == null ? Map.of() : properties(start));
        merged.putAll(config);
        return ConversionForm.of(start, source, revision, merged)
                .waivingQualityGate(conversion.path("ignoreQualityGate").asBoolean(false))
                .forFunction(conversion.path("function").isTextual() ? conversion.path("function").asText()
                        : ConversionForm.EMBEDDING)
                .forRelease(conversion.path("targetRelease").isInt() ? conversion.path("targetRelease").asText()
                        : ConversionForm.DEFAULT_RELEASE);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> properties(String start) {
        if (start.startsWith(ConversionForm.TEMPLATE)) {
            return (Map<String, Object>) templates().get(start.substring(ConversionForm.TEMPLATE.length()));
        }
        if (start.startsWith(ConversionForm.PRECONFIGURED)) {
            return (Map<String, Object>) preconfigured().get(start.substring(ConversionForm.PRECONFIGURED.length()));
        }
        return null;
    }

    private Map<String, Object> templates() {
        return catalog.templates();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> preconfigured() {
        return (Map<String, Object>) catalog.preconfigured();
    }
}
