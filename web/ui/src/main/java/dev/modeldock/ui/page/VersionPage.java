package dev.modeldock.ui.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.Version;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.Json;
import dev.modeldock.service.Services;
import dev.modeldock.service.VersionInspection;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One version: how it was made (configuration, lineage), what Oracle will make of it (metadata and
 * the checker's verdict today), how it compared with the reference, its graph, how to fetch and load
 * it, and where it went.
 */
public final class VersionPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final Services services;

    public VersionPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /** Where the version came from, as its lineage records it. */
    public record Lineage(String kind, String source, String revision, String tool, List<Entry> sourceFiles,
            List<Plugin> plugins) {
        static Lineage of(JsonNode lineage) {
            List<Entry> files = new ArrayList<>();
            lineage.path("sourceFiles").fields().forEachRemaining(f -> files.add(new Entry(f.getKey(),
                    f.getValue().asText())));
            List<Plugin> plugins = new ArrayList<>();
            lineage.path("plugins").fields().forEachRemaining(p -> plugins.add(Plugin.of(p.getKey(),
                    p.getValue().asText())));
            return new Lineage(text(lineage, "kind"), text(lineage, "source"), text(lineage, "revision"),
                    text(lineage, "tool"), files, plugins);
        }
    }

    public record Entry(String key, String value) {
    }

    /** A plugin that took part, by role ({@code tokenizer:bert}), from its {@code id@version}. */
    public record Plugin(String role, String id, String version) {
        static Plugin of(String role, String idAtVersion) {
            int at = idAtVersion.lastIndexOf('@');
            return at < 0 ? new Plugin(role, idAtVersion, "") : new Plugin(role, idAtVersion.substring(0, at),
                    idAtVersion.substring(at + 1));
        }
    }

    /**
     * Everything the template shows.
     *
     * @param function the metadata's function as the facts name it ({@code regression (reranker)}); null
     *                 for an embedding, which every page takes for granted
     */
    public record View(Version version, String config, Lineage lineage, String metadata, VersionInspection inspection,
            ValidationReport validation, VersionSnippets snippets, List<Deployment> deployments, String artifactHref,
            String playgroundHref, String function) {
    }

    public void register() {
        pages.get("/models/{name}/versions/{number}", Access.READ, (ctx, viewer) -> {
            Version version = services.versions().get(ctx.pathParam("name"), ctx.pathParam("number"));
            JsonNode metadata = Json.tree(version.metadata());
            List<Deployment> deployments = services.deployments().list(version.model()).stream()
                    .filter(d -> d.version() == version.number()).toList();
            View view = new View(version, pretty(Json.tree(version.config())), Lineage.of(orEmpty(Json.tree(
                    version.lineage()))), pretty(metadata), services.versions().inspect(version),
                    ValidationReport.of(Json.tree(version.validation())), VersionSnippets.of(version, baseUrl(ctx),
                    metadata), deployments, "/api/v1/models/" + version.model() + "/versions/" + version.number()
                    + "/artifact", "/playground?model=" + version.model() + "&version=" + version.number(),
                    function(metadata, version.lineage()));
            pages.render(ctx, "version.jte", version.model() + " v" + version.number(), "catalog", Map.of("view",
                    view));
        });
    }

    /** {@code 86.7 MB (90,912,345 bytes)}. */
    public static String size(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s (%,d bytes)", value, units[unit],
                bytes);
    }

    /** {@code 2026-12-01 12:40 UTC}; empty for null. */
    public static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    static String baseUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    static String pretty(JsonNode json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The function the metadata names, unless it is an embedding (or the metadata names none); what a
     * conversion's function makes (a reranker) said too, where an upload's may be any model's.
     */
    private static String function(JsonNode metadata, String lineage) {
        String function = metadata == null ? "" : metadata.path("function").asText("");
        if (function.isEmpty() || function.equals("embedding")) {
            return null;
        }
        return "converted".equals(orEmpty(Json.tree(lineage)).path("kind").asText()) ? FunctionNames.fact(function)
                : function;
    }

    private static JsonNode orEmpty(JsonNode json) {
        return json == null ? Json.MAPPER.createObjectNode() : json;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
