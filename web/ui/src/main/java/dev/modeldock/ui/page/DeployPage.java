package dev.modeldock.ui.page;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.TargetProfile;
import dev.modeldock.registry.Version;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.DeploymentRequest;
import dev.modeldock.service.DeploymentService;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploying a version of a model: pick a version or alias, a target profile and the name at the
 * target (checked as the target checks it while it is typed), run the preflight, deploy, and follow
 * the job live until the target's verification shows.
 */
public final class DeployPage {
    static final String SCRIPT = "/assets/deploy.js";

    private final Pages pages;
    private final Services services;

    public DeployPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /**
     * The form as sent: {@code ref} is a version number or an alias; {@code targetRelease} is 23, 26
     * or null for the release the version was filed for.
     */
    public record Form(String ref, String target, String databaseModelName, boolean replace, String targetRelease) {
        DeploymentRequest request(String model) {
            boolean number = ref != null && ref.matches("[0-9]{1,9}");
            return new DeploymentRequest(model, number ? Integer.valueOf(ref) : null, number ? null : ref, target,
                    databaseModelName, replace, targetRelease == null ? null
                            : OracleRelease.parse(targetRelease).number());
        }
    }

    /** One option of a select: its value and what it says. */
    public record Choice(String value, String label) {
    }

    public void register() {
        pages.get("/models/{name}/deploy", Access.DEPLOY, (ctx, viewer) -> {
            String deployment = ctx.queryParam("deployment");
            show(ctx, form(ctx, false), "", deployment == null ? null : services.deployments()
                    .get(DeploymentsPage.id(deployment)));
        });
        pages.post("/models/{name}/deploy", Access.DEPLOY, this::deploy);
        pages.get("/models/{name}/deploy/name", Access.DEPLOY, (ctx, viewer) -> {
            Form form = form(ctx, false);
            String problem = form.target() == null ? "" : services.deployments().nameProblem(ctx.pathParam("name"),
                    form.target(), form.databaseModelName()).orElse("");
            pages.templates().render(ctx, "deploy/name-check.jte", Map.of("problem", problem, "checked",
                    form.target() != null));
        });
        pages.get("/models/{name}/deploy/preflight", Access.DEPLOY, (ctx, viewer) -> pages.templates().render(ctx,
                "deploy/preflight.jte", Map.of("preflight", services.deployments().preflight(
                        form(ctx, false).request(ctx.pathParam("name"))))));
        pages.get("/models/{name}/deploy/result", Access.DEPLOY, (ctx, viewer) -> {
            Deployment deployment = services.deployments().get(DeploymentsPage.id(ctx.queryParam("deployment")));
            pages.templates().render(ctx, "deploy/result.jte", result(deployment));
        });
    }

    private void deploy(Context ctx, dev.modeldock.ui.http.Viewer viewer) {
        String model = services.models().get(ctx.pathParam("name")).name(); // a missing model is a 404 page
        Form form = form(ctx, true);
        DeploymentService.Queued queued;
        try {
            queued = services.deployments().deploy(form.request(model), viewer.name());
        } catch (ModelDockException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            show(ctx, form, e.getMessage(), null);
            return;
        }
        // The form comes back as it was sent, below the deployment's progress.
        ctx.redirect("/models/" + model + "/deploy?deployment=" + queued.deployment().id() + "&ref="
                + encode(form.ref()) + "&target=" + encode(form.target()) + "&databaseModelName="
                + encode(form.databaseModelName()) + "&targetRelease=" + encode(form.targetRelease()),
                HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, Form form, String error, Deployment deployment) {
        Model model = services.models().get(ctx.pathParam("name"));
        List<Version> newestFirst = new ArrayList<>(services.versions().list(model.name()));
        Collections.reverse(newestFirst);
        List<Choice> refs = new ArrayList<>();
        for (Version version : newestFirst) {
            version.aliases().forEach(alias -> refs.add(new Choice(alias, alias + " → version " + version.number())));
        }
        newestFirst.forEach(v -> refs.add(new Choice(String.valueOf(v.number()), "version " + v.number())));
        Set<String> needsName = services.targets().plugins().stream().filter(ExportTarget::needsName)
                .map(ExportTarget::name).collect(Collectors.toSet());
        List<Choice> targets = new ArrayList<>();
        for (TargetProfile profile : services.targets().list()) {
            targets.add(new Choice(profile.name(), profile.name() + " (" + profile.plugin() + (needsName.contains(
                    profile.plugin()) ? ")" : ", optional name)")));
        }
        Map<String, Object> params = new HashMap<>();
        params.put("model", model);
        params.put("form", form);
        params.put("refs", refs);
        params.put("targets", targets);
        params.put("error", error);
        params.putAll(result(deployment));
        params.put("scripts", List.of(SCRIPT));
        pages.render(ctx, "deploy.jte", "Deploy " + model.name(), "deployments", params);
    }

    /** The deployment just started (or null) and its job, as the progress and result parts show them. */
    private Map<String, Object> result(Deployment deployment) {
        Map<String, Object> params = new HashMap<>();
        params.put("deployment", deployment);
        params.put("job", deployment == null || deployment.jobId() == null ? null
                : services.jobs().get(deployment.jobId()));
        return params;
    }

    private static Form form(Context ctx, boolean posted) {
        java.util.function.Function<String, String> field = key -> blankToNull(posted ? ctx.formParam(key)
                : ctx.queryParam(key));
        return new Form(field.apply("ref"), field.apply("target"), field.apply("databaseModelName"),
                "true".equals(field.apply("replace")), field.apply("targetRelease"));
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
