package dev.modeldock.ui.page.newversion;

import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.ModelRefusedException;
import dev.modeldock.service.ReceivedFile;
import dev.modeldock.service.Services;
import dev.modeldock.service.VersionService;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The upload form of the new-version page, in two steps: "check" runs every check an upload runs
 * ({@code VersionService.checkUpload}) and shows the findings without storing anything; "store"
 * uploads through {@code VersionService.upload} and goes to the new version. The file stays chosen
 * in the browser between the two, since the check answers only the findings (htmx).
 */
public final class UploadForms {
    /** Oracle releases an upload may be meant for, as the API takes them; the newest is the default. */
    /**
     * What the upload form shows.
     *
     * @param findings the checker's verdict, or null before a check
     * @param error    a message for a form the checks could not even start on; empty for none
     */
    public record View(String metadata, OracleRelease release, Findings findings, String error) {
        static View empty() {
            return new View("", OracleRelease.DEFAULT, null, "");
        }
    }

    /** The checker's verdict: refused with its errors, or accepted with its warnings. */
    public record Findings(boolean refused, String summary, List<MetadataProblem> problems) {
    }

    private final Pages pages;
    private final Services services;
    private final NewVersionPage page;

    UploadForms(Pages pages, Services services, NewVersionPage page) {
        this.pages = pages;
        this.services = services;
        this.page = page;
    }

    void register() {
        pages.post("/models/{name}/new/check", Access.EDIT, (ctx, viewer) -> {
            String model = services.models().get(ctx.pathParam("name")).name();
            View view = check(ctx, model);
            pages.templates().render(ctx, "newversion/findings.jte", Map.of("upload", view));
        });
        pages.post("/models/{name}/new/upload", Access.EDIT, (ctx, viewer) -> {
            String model = services.models().get(ctx.pathParam("name")).name();
            View view = new View(text(ctx, "metadata"), release(ctx), null, "");
            UploadedFile file = ctx.uploadedFile("file");
            try {
                requireFile(file, view.metadata());
                VersionService.Uploaded uploaded = services.versions().upload(model, received(file),
                        file.filename(), view.metadata(), view.release().number(), viewer.name());
                ctx.redirect("/models/" + model + "/versions/" + uploaded.version().number(), HttpStatus.SEE_OTHER);
            } catch (ModelRefusedException e) {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                page.render(ctx, model, refused(view, e));
            } catch (NotFoundException e) {
                throw e;
            } catch (ModelDockException e) {
                ctx.status(HttpStatus.BAD_REQUEST);
                page.render(ctx, model, new View(view.metadata(), view.release(), null, e.getMessage()));
            }
        });
    }

    private View check(Context ctx, String model) throws IOException {
        View view = new View(text(ctx, "metadata"), release(ctx), null, "");
        UploadedFile file = ctx.uploadedFile("file");
        try {
            requireFile(file, view.metadata());
            List<MetadataProblem> warnings = services.versions().checkUpload(model, received(file), file.filename(),
                    view.metadata(), view.release().number());
            return new View(view.metadata(), view.release(), new Findings(false, "Oracle would accept this"
                    + " model: no errors" + (warnings.isEmpty() ? "." : ", " + warnings.size() + " warning(s).")
                    + " Nothing is stored until you press Store.", warnings), "");
        } catch (ModelRefusedException e) {
            return refused(view, e);
        } catch (NotFoundException e) {
            throw e;
        } catch (ModelDockException e) {
            return new View(view.metadata(), view.release(), null, e.getMessage());
        }
    }

    private static View refused(View view, ModelRefusedException e) {
        return new View(view.metadata(), view.release(), new Findings(true, e.getMessage()
                + ". Nothing was stored.", e.problems()), "");
    }

    /** What the API's multipart reader refuses before the service sees the upload, in this form's words. */
    private static void requireFile(UploadedFile file, String metadata) {
        if (file == null || file.filename() == null || file.filename().isBlank()) {
            throw new ModelDockException("choose the ONNX file to upload");
        }
        if (metadata.isBlank()) {
            throw new ModelDockException("the import metadata is empty; paste the JSON Oracle's DBMS_VECTOR takes");
        }
    }

    private static ReceivedFile received(UploadedFile file) {
        return target -> {
            try (InputStream in = file.content()) {
                Files.copy(in, target);
            }
        };
    }

    /** The release chosen; the default for a value the select does not offer. */
    private static OracleRelease release(Context ctx) {
        try {
            return OracleRelease.parse(ctx.formParam("targetRelease"));
        } catch (ModelDockException notOffered) {
            return OracleRelease.DEFAULT;
        }
    }

    private static String text(Context ctx, String field) {
        String value = ctx.formParam(field);
        return value == null ? "" : value;
    }
}
