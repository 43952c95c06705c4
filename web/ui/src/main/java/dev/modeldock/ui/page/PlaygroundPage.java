package dev.modeldock.ui.page;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.ModelQuery;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.PlaygroundService;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The playground: texts typed one a line, embedded with a model version's pipeline on the server,
 * each vector's size and norm, and a heatmap of the pairwise cosine similarities. Embedding reads
 * only, so a viewer may; it is a form post all the same (the texts can be long, and belong in no URL).
 */
public final class PlaygroundPage {
    /** How many model names the model field suggests. */
    private static final int SUGGESTED = 200;

    private final Pages pages;
    private final Services services;

    public PlaygroundPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /** The form as filled in. */
    public record Form(String model, String version, String texts) {
    }

    /** One text's row: its vector's dimensions and L2 norm. */
    public record Vector(int index, String text, int dimensions, String norm) {
    }

    /** One heatmap cell: the cosine of texts {@code row} and {@code column}, as shown and as a number for the colour. */
    public record Cell(int row, int column, String shown, String value) {
    }

    /** What the texts gave: rows of vectors and the heatmap's rows of cells. */
    public record Outcome(String model, int version, List<Vector> vectors, List<List<Cell>> heatmap) {
    }

    public void register() {
        pages.get("/playground", Access.READ, (ctx, viewer) -> {
            String model = blankToEmpty(ctx.queryParam("model"));
            String version = blankToEmpty(ctx.queryParam("version"));
            render(ctx, new Form(model, version, ""), null, "");
        });
        pages.post("/playground", Access.READ, (ctx, viewer) -> {
            Form form = new Form(blankToEmpty(ctx.formParam("model")), blankToEmpty(ctx.formParam("version")),
                    String.valueOf(ctx.formParam("texts") == null ? "" : ctx.formParam("texts")));
            try {
                PlaygroundService.Result result = services.playground().embed(form.model(),
                        form.version().isEmpty() ? latest(form.model()) : form.version(), texts(form.texts()));
                render(ctx, form, outcome(result), "");
            } catch (ModelDockException e) {
                ctx.status(FormFailure.status(e));
                render(ctx, form, null, e.getMessage());
            }
        });
    }

    private void render(Context ctx, Form form, Outcome outcome, String error) {
        List<String> models = services.models().list(new ModelQuery(null, null, null, 0, SUGGESTED)).items().stream()
                .map(Model::name).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("form", form);
        params.put("models", models);
        params.put("error", error);
        params.put("outcome", Optional.ofNullable(outcome));
        pages.render(ctx, "playground.jte", "Playground", "playground", params);
    }

    /** The model's latest version, when the form names none; the service names an unknown model. */
    private String latest(String model) {
        if (model.isEmpty()) {
            throw new ModelDockException("name a model to embed with");
        }
        int latest = services.models().get(model).latestVersion();
        if (latest == 0) {
            throw new ModelDockException("model " + model + " has no versions yet");
        }
        return Integer.toString(latest);
    }

    /** One text a line; blank lines are gaps between texts, not texts. */
    static List<String> texts(String typed) {
        return Arrays.stream(typed.split("\\R")).filter(line -> !line.isBlank()).toList();
    }

    private static Outcome outcome(PlaygroundService.Result result) {
        List<Vector> vectors = new ArrayList<>();
        for (int i = 0; i < result.texts().size(); i++) {
            PlaygroundService.Embedded text = result.texts().get(i);
            vectors.add(new Vector(i + 1, text.text(), text.dimensions(), format(text.norm(), 4)));
        }
        List<List<Cell>> heatmap = new ArrayList<>();
        double[][] cosine = result.cosine();
        for (int i = 0; i < cosine.length; i++) {
            List<Cell> row = new ArrayList<>();
            for (int j = 0; j < cosine[i].length; j++) {
                boolean known = !Double.isNaN(cosine[i][j]);
                row.add(new Cell(i + 1, j + 1, known ? format(cosine[i][j], 3) : "—",
                        known ? format(cosine[i][j], 6) : ""));
            }
            heatmap.add(row);
        }
        return new Outcome(result.version().model(), result.version().number(), vectors, heatmap);
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
