package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Deployment;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.Json;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every deployment, newest first, optionally of one model: status, the latest drift check with its
 * time, and for deployers a drift-check button and retire. Where a deployment is and what a check
 * found in detail is for signed-in users only, as in the API.
 */
public final class DeploymentsPage {
    private final Pages pages;
    private final Services services;

    public DeploymentsPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /** One deployment as the table shows it, with its latest drift check read from its JSON. */
    public record Row(Deployment deployment, Check check) {
        public boolean live() {
            return deployment.status().equals("deployed") || deployment.status().equals("drifted");
        }

        public boolean retirable() {
            return !List.of("queued", "running", "retired").contains(deployment.status());
        }

        public String badge() {
            return switch (deployment.status()) {
                case "deployed" -> "ok";
                case "failed", "drifted" -> "bad";
                case "queued", "running" -> "warn";
                default -> "";
            };
        }
    }

    /** A drift check: whether the target still held the artifact, and what it found (signed-in users only). */
    public record Check(boolean drift, boolean present, String detail) {
        static Check of(String json) {
            if (json == null) {
                return null;
            }
            JsonNode check = Json.tree(json);
            return new Check(check.path("drift").asBoolean(), check.path("present").asBoolean(),
                    check.path("detail").asText(""));
        }
    }

    public void register() {
        pages.get("/deployments", Access.READ, (ctx, viewer) -> {
            String model = blankToNull(ctx.queryParam("model"));
            if (model != null) {
                services.models().get(model); // a model that does not exist is a 404, as in the API
            }
            List<Row> rows = services.deployments().list(model).stream()
                    .map(d -> new Row(d, Check.of(d.lastCheck()))).toList();
            Map<String, Object> params = new HashMap<>();
            params.put("model", model == null ? "" : model);
            params.put("rows", rows);
            params.put("notice", notice(ctx));
            pages.render(ctx, "deployments.jte", "Deployments", "deployments", params);
        });
        pages.post("/deployments/{id}/check", Access.DEPLOY, (ctx, viewer) -> {
            Deployment checked = services.deployments().checkDrift(id(ctx.pathParam("id")), viewer.name());
            back(ctx, checked, "checked");
        });
        pages.post("/deployments/{id}/retire", Access.DEPLOY, (ctx, viewer) -> {
            Deployment retired = services.deployments().retire(id(ctx.pathParam("id")), viewer.name());
            back(ctx, retired, "retired");
        });
    }

    /** After a post, back to the list it was sent from (filtered by model or not), at the deployment's row. */
    private static void back(Context ctx, Deployment deployment, String what) {
        String model = blankToNull(ctx.formParam("model"));
        ctx.redirect("/deployments?" + (model == null ? "" : "model=" + URLEncoder.encode(model,
                StandardCharsets.UTF_8) + "&") + what + "=" + deployment.id()
                + "#deployment-" + deployment.id(), HttpStatus.SEE_OTHER);
    }

    /** What the post before the redirect did, said at the top of the page. */
    private String notice(Context ctx) {
        String checked = ctx.queryParam("checked");
        if (checked != null) {
            Deployment deployment = services.deployments().get(id(checked));
            Check check = Check.of(deployment.lastCheck());
            return "Drift check of deployment #" + deployment.id() + ": " + (check == null ? "not made"
                    : check.drift() ? "drift found, the target no longer holds the deployed artifact"
                    : "no drift, the target holds the deployed artifact");
        }
        String retired = ctx.queryParam("retired");
        return retired == null ? "" : "Deployment #" + id(retired) + " is retired: the registry no longer tracks it"
                + " (the target was left as it is).";
    }

    /** A deployment id from a path or query, or a 400 naming it. */
    static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ModelDockException("'" + text + "' is not a deployment id (a whole number)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
