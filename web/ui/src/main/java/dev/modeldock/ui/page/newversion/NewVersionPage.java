package dev.modeldock.ui.page.newversion;

import dev.modeldock.config.DistanceMetric;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.CatalogService.PostProcessorInfo;
import dev.modeldock.service.JobRunner;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import dev.modeldock.ui.page.FunctionNames;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /models/{name}/new}: a new version by conversion or by upload. The conversion form is
 * checked as the user types by the very check {@code POST /api/v1/models/{name}/versions} runs
 * before it queues a job ({@code VersionService.check}), so its messages are the API's; submitted,
 * it starts the job and goes to {@code /jobs/{id}}. The upload is {@link UploadForms}.
 */
public final class NewVersionPage {
    static final String SCRIPT = "/assets/new-version.js";
    private final Pages pages;
    private final Services services;
    private final Starts starts;
    private final UploadForms uploads;
    private final Presets presets;

    public NewVersionPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
        this.starts = new Starts(services.catalog());
        this.uploads = new UploadForms(pages, services, this);
        this.presets = new Presets(services.catalog());
    }

    public void register() {
        pages.get("/models/{name}/new", Access.EDIT, (ctx, viewer) -> {
            String model = services.models().get(ctx.pathParam("name")).name();
            String fromJob = ctx.queryParam("from-job");
            ConversionForm form = fromJob == null ? starts.form(starts.defaultStart(), "", "")
                    : starts.fromJob(services.jobs().get(fromJob));
            render(ctx, model, form, null, UploadForms.View.empty());
        });
        pages.post("/models/{name}/new", Access.EDIT, (ctx, viewer) -> {
            String model = services.models().get(ctx.pathParam("name")).name();
            ConversionForm form = ConversionForm.read(ctx);
            Job job;
            try {
                job = services.versions().convert(model, form.request(declared()), viewer.name());
            } catch (NotFoundException | JobRunner.QueueFullException e) {
                throw e;
            } catch (ModelDockException e) {
                ctx.status(HttpStatus.BAD_REQUEST);
                render(ctx, model, form, e.getMessage(), UploadForms.View.empty());
                return;
            }
            ctx.redirect("/jobs/" + job.id(), HttpStatus.SEE_OTHER);
        });
        pages.post("/models/{name}/new/validate", Access.EDIT, (ctx, viewer) -> {
            String model = services.models().get(ctx.pathParam("name")).name();
            pages.templates().render(ctx, "newversion/messages.jte", Map.of("error", check(model,
                    ConversionForm.read(ctx))));
        });
        pages.post("/models/{name}/new/edit", Access.EDIT, (ctx, viewer) -> {
            String model = services.models().get(ctx.pathParam("name")).name();
            ConversionForm form = ConversionForm.read(ctx);
            String edit = String.valueOf(ctx.formParam("edit"));
            if (edit.equals("start")) {
                ConversionForm started = starts.form(form.start(), form.source(), form.revision());
                form = started.waivingQualityGate(form.ignoreQualityGate())
                        .forFunction(starts.function(started.start(), form.function()))
                        .forRelease(form.targetRelease());
            } else if (edit.equals("add") && ctx.formParam("add") != null) {
                form = form.edited("add:" + ctx.formParam("add"));
            } else {
                form = form.edited(edit);
            }
            render(ctx, model, form, check(model, form), UploadForms.View.empty());
        });
        uploads.register();
    }

    /** The API's message for the form's request, or empty when the API would start it. */
    private String check(String model, ConversionForm form) {
        try {
            services.versions().check(model, form.request(declared()));
            return "";
        } catch (NotFoundException e) {
            throw e;
        } catch (ModelDockException e) {
            return e.getMessage();
        }
    }

    /** Renders the page with a fresh conversion form and the upload form as given. */
    void render(Context ctx, String model, UploadForms.View upload) {
        render(ctx, model, starts.form(starts.defaultStart(), "", ""), null, upload);
    }

    /**
     * Renders the page with the conversion form and the upload form as given.
     *
     * @param checked the API's message for the conversion form, empty when it would be started; null
     *                when the form has not been checked yet
     */
    private void render(Context ctx, String model, ConversionForm form, String checked, UploadForms.View upload) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", model);
        params.put("form", form);
        params.put("checked", checked == null ? "" : checked);
        params.put("wasChecked", checked != null);
        params.put("starts", starts.all());
        params.put("presets", presets.all());
        params.put("shownPreset", starts.shownPreconfigured(form));
        params.put("scripts", List.of(SCRIPT));
        params.put("processors", services.catalog().postProcessors());
        params.put("declared", declared());
        params.put("functions", FunctionNames.choices());
        params.put("upload", upload);
        pages.render(ctx, "new-version.jte", "New version of " + model, "catalog", params);
    }

    private Map<String, PostProcessorInfo> declared() {
        Map<String, PostProcessorInfo> byName = new LinkedHashMap<>();
        for (PostProcessorInfo info : services.catalog().postProcessors()) {
            byName.put(info.name(), info);
        }
        return byName;
    }

    /** The distance metrics a form offers. */
    public static List<String> metrics() {
        return Arrays.stream(DistanceMetric.values()).map(Enum::name).toList();
    }
}
