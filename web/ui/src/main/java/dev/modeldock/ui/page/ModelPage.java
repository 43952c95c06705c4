package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.AliasMove;
import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.Version;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.Json;
import dev.modeldock.service.Services;
import dev.modeldock.service.VersionFigures;
import dev.modeldock.ui.http.Assets;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model: its description and tags (editable by editors), its versions with their parity, aliases and
 * deployments, the aliases' moves, and a chart of the versions' figures. Reads the model, its
 * versions, alias moves and deployments in four service calls, however many versions it has.
 */
public final class ModelPage {
    private static final Set<String> LIVE = Set.of("deployed", "drifted");

    private final Pages pages;
    private final Services services;

    public ModelPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /** One row of the versions table. */
    public record VersionRow(Version version, VersionFigures figures, String source, List<Deployment> deployments) {
    }

    /** The description-and-tags form as shown or as sent back with what was wrong. */
    public record DetailsForm(String description, String tags, String error) {
    }

    /** The alias form as sent back with what was wrong; empty fields for a fresh form. */
    public record AliasForm(String alias, String version, String error) {
        static final AliasForm EMPTY = new AliasForm("", "", "");
    }

    public void register() {
        pages.get("/models/{name}", Access.READ, (ctx, viewer) -> render(ctx, null, AliasForm.EMPTY));
        pages.post("/models/{name}/details", Access.EDIT, (ctx, viewer) -> {
            DetailsForm form = new DetailsForm(field(ctx, "description"), field(ctx, "tags"), "");
            try {
                services.models().update(name(ctx), form.description(), TagsField.parse(form.tags()), viewer.name());
                backToModel(ctx);
            } catch (ModelDockException e) {
                ctx.status(400);
                render(ctx, new DetailsForm(form.description(), form.tags(), e.getMessage()), AliasForm.EMPTY);
            }
        });
        pages.post("/models/{name}/aliases", Access.EDIT, (ctx, viewer) -> {
            AliasForm form = new AliasForm(field(ctx, "alias").strip(), field(ctx, "version").strip(), "");
            try {
                if (form.version().isEmpty()) {
                    throw new ModelDockException("pick the version the alias should point at");
                }
                services.aliases().set(name(ctx), form.alias(), form.version(), viewer.name());
                backToModel(ctx);
            } catch (ModelDockException e) { // a bad alias name, or no such version: the form again
                ctx.status(400);
                render(ctx, null, new AliasForm(form.alias(), form.version(), e.getMessage()));
            }
        });
        pages.post("/models/{name}/aliases/{alias}/remove", Access.EDIT, (ctx, viewer) -> {
            services.aliases().remove(name(ctx), ctx.pathParam("alias"), viewer.name());
            backToModel(ctx);
        });
    }

    /** Renders the page; a form given (not null, or with an error) is shown as sent. */
    private void render(Context ctx, DetailsForm details, AliasForm aliasForm) {
        Model model = services.models().get(name(ctx));
        List<Version> versions = services.versions().list(model.name());
        List<AliasMove> moves = new ArrayList<>(services.aliases().history(model.name()));
        Collections.reverse(moves); // newest first
        List<Deployment> deployments = services.deployments().list(model.name());
        List<VersionRow> rows = new ArrayList<>();
        for (Version version : versions) {
            rows.add(new VersionRow(version, VersionFigures.of(version), source(version), deployments.stream()
                    .filter(d -> d.version() == version.number() && LIVE.contains(d.status())).toList()));
        }
        Collections.reverse(rows); // newest first
        DetailsForm form = details != null ? details
                : new DetailsForm(model.description(), TagsField.format(model.tags()), "");
        pages.render(ctx, "model.jte", model.name(), "catalog", Map.of("model", model, "versions", rows,
                "moves", moves, "details", form, "aliasForm", aliasForm,
                "chart", FiguresChart.of(rows.stream().map(VersionRow::figures).toList()),
                "scripts", List.of(Assets.CHART_JS, "/assets/model-chart.js")));
    }

    /** Where a version came from, in a few words: its source and revision, or the uploaded file's name. */
    private static String source(Version version) {
        JsonNode lineage = Json.tree(version.lineage());
        if (lineage == null) {
            return "";
        }
        String source = lineage.path("source").asText("");
        String revision = lineage.path("revision").asText("");
        String kind = lineage.path("kind").asText("");
        String where = revision.isEmpty() ? source : source + " @ " + ModelFormats.shortSha(revision);
        return kind.isEmpty() || kind.equals("converted") ? where : kind + ": " + where;
    }

    private static void backToModel(Context ctx) {
        ctx.redirect("/models/" + name(ctx), HttpStatus.SEE_OTHER);
    }

    private static String name(Context ctx) {
        return ctx.pathParam("name");
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
