package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Version;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.Json;
import dev.modeldock.service.Services;
import dev.modeldock.service.VersionInspection;
import dev.modeldock.ui.diff.JsonDiff;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Two versions of a model side by side: their figures, and their configuration, metadata and
 * lineage compared path by path ({@link JsonDiff}), differences only unless asked for all.
 */
public final class ComparePage {
    private final Pages pages;
    private final Services services;

    public ComparePage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /** One figure of both versions; {@code differs} marks the row. */
    public record Figure(String label, String a, String b) {
        public boolean differs() {
            return !Objects.equals(a, b);
        }
    }

    /** One document compared: every row, and those the page shows. */
    public record Diff(String id, String title, List<JsonDiff.Row> rows, List<JsonDiff.Row> shown) {
        public long differences() {
            return rows.stream().filter(JsonDiff.Row::differs).count();
        }
    }

    public record View(String model, List<Integer> numbers, Version a, Version b, boolean all, List<Figure> figures,
            List<Diff> diffs) {
    }

    public void register() {
        pages.get("/models/{name}/compare", Access.READ, (ctx, viewer) -> {
            String model = services.models().get(ctx.pathParam("name")).name(); // an unknown model is a 404
            List<Integer> numbers = services.versions().list(model).stream().map(Version::number).toList();
            if (numbers.isEmpty()) {
                throw new ModelDockException("model '" + model + "' has no versions yet: make one first, then"
                        + " compare");
            }
            int latest = numbers.get(numbers.size() - 1);
            Version a = services.versions().get(model, param(ctx, "a", numbers.size() > 1
                    ? numbers.get(numbers.size() - 2) : latest));
            Version b = services.versions().get(model, param(ctx, "b", latest));
            boolean all = "1".equals(ctx.queryParam("all"));
            View view = new View(model, numbers, a, b, all, figures(a, b), List.of(
                    diff("config", "Configuration", Json.tree(a.config()), Json.tree(b.config()), all),
                    diff("metadata", "Oracle metadata", Json.tree(a.metadata()), Json.tree(b.metadata()), all),
                    diff("lineage", "Lineage", lineage(a), lineage(b), all)));
            pages.render(ctx, "compare.jte", model + ": v" + a.number() + " and v" + b.number(), "catalog",
                    Map.of("view", view));
        });
    }

    private static String param(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? String.valueOf(fallback) : value.strip();
    }

    private static Diff diff(String id, String title, JsonNode a, JsonNode b, boolean all) {
        List<JsonDiff.Row> rows = JsonDiff.of(a, b);
        return new Diff(id, title, rows, all ? rows : JsonDiff.differences(rows));
    }

    /** The lineage without the configuration and parity it repeats, which have their own rows. */
    private static JsonNode lineage(Version version) {
        JsonNode lineage = Json.tree(version.lineage());
        if (lineage instanceof ObjectNode object) {
            object.remove(List.of("configuration", "parity"));
        }
        return lineage;
    }

    private List<Figure> figures(Version a, Version b) {
        VersionInspection ia = services.versions().inspect(a);
        VersionInspection ib = services.versions().inspect(b);
        ValidationReport ra = ValidationReport.of(Json.tree(a.validation()));
        ValidationReport rb = ValidationReport.of(Json.tree(b.validation()));
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("Size", VersionPage.size(a.sizeBytes()), VersionPage.size(b.sizeBytes())));
        figures.add(new Figure("SHA-256", a.artifactSha256().substring(0, 12), b.artifactSha256().substring(0, 12)));
        figures.add(new Figure("Created", VersionPage.when(a.createdAt()) + " by " + a.createdBy(),
                VersionPage.when(b.createdAt()) + " by " + b.createdBy()));
        figures.add(new Figure("Parity", verdict(ra.passed()), verdict(rb.passed())));
        for (String script : List.of("ascii", "non_ascii", "supplementary")) {
            ValidationReport.Parity pa = ra.figures(script);
            ValidationReport.Parity pb = rb.figures(script);
            if (pa != null || pb != null) {
                String label = (pa != null ? pa : pb).label();
                figures.add(new Figure(label + " token ids agree", get(pa, ValidationReport.Parity::agreement),
                        get(pb, ValidationReport.Parity::agreement)));
                figures.add(new Figure(label + " min cosine", get(pa, ValidationReport.Parity::cosine),
                        get(pb, ValidationReport.Parity::cosine)));
            }
        }
        Set<String> systems = new LinkedHashSet<>(); // in the reports' own fixed order
        ra.scripts().forEach(s -> systems.add(s.key()));
        rb.scripts().forEach(s -> systems.add(s.key()));
        for (String system : systems) {
            ScriptAgreement sa = ra.writingSystem(system);
            ScriptAgreement sb = rb.writingSystem(system);
            figures.add(new Figure((sa != null ? sa : sb).label() + " token ids agree",
                    sa == null ? "—" : sa.agreement(), sb == null ? "—" : sb.agreement()));
        }
        figures.add(new Figure("Weights", weights(ra), weights(rb)));
        if (ra.quality() != null || rb.quality() != null) {
            figures.add(new Figure("Mean cosine vs float32", quality(ra, QualitySummary::mean),
                    quality(rb, QualitySummary::mean)));
            figures.add(new Figure("Top-1 agreement vs float32", quality(ra, QualitySummary::agreement),
                    quality(rb, QualitySummary::agreement)));
            figures.add(new Figure("Quality gate", quality(ra, QualitySummary::verdict),
                    quality(rb, QualitySummary::verdict)));
        }
        figures.add(new Figure("Opset", String.valueOf(ia.graph().opset()), String.valueOf(ib.graph().opset())));
        figures.add(new Figure("Nodes", String.valueOf(ia.graph().nodeCount()),
                String.valueOf(ib.graph().nodeCount())));
        figures.add(new Figure("Oracle import", ia.accepted() ? "would accept" : "would refuse",
                ib.accepted() ? "would accept" : "would refuse"));
        return figures;
    }

    /** int8 or float16 as its quality report says; float32 for a conversion without one; a dash for an upload. */
    private static String weights(ValidationReport report) {
        return report.quality() != null ? report.quality().weights() : report.passed() != null ? "float32" : "—";
    }

    private static String quality(ValidationReport report, Function<QualitySummary, String> figure) {
        return report.quality() == null ? "—" : figure.apply(report.quality());
    }

    private static String verdict(Boolean passed) {
        return passed == null ? "not measured" : passed ? "passed" : "failed";
    }

    private static String get(ValidationReport.Parity parity, Function<ValidationReport.Parity, String> figure) {
        return parity == null ? "—" : figure.apply(parity);
    }
}
