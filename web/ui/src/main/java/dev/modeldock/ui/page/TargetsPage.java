package dev.modeldock.ui.page;

import dev.modeldock.server.auth.Access;
import dev.modeldock.service.TargetService;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * The target profiles deployments go to (administrators only, as in the API): their plain settings,
 * which secret ones are set (never their values), links to edit them, and delete.
 */
public final class TargetsPage {
    private final Pages pages;
    private final TargetService targets;

    public TargetsPage(Pages pages, TargetService targets) {
        this.pages = pages;
        this.targets = targets;
    }

    public void register() {
        pages.get("/targets", Access.ADMIN, (ctx, viewer) -> {
            String saved = ctx.queryParam("saved");
            String deleted = ctx.queryParam("deleted");
            String notice = saved != null ? "Target profile '" + saved + "' is saved."
                    : deleted != null ? "Target profile '" + deleted + "' is deleted." : "";
            pages.render(ctx, "targets.jte", "Targets", "targets", Map.of("profiles", targets.list(), "plugins",
                    targets.plugins().stream().map(p -> p.name()).toList(), "notice", notice));
        });
        pages.post("/targets/{name}/delete", Access.ADMIN, (ctx, viewer) -> {
            String name = targets.get(ctx.pathParam("name")).name();
            targets.delete(name, viewer.name());
            ctx.redirect("/targets?deleted=" + name, HttpStatus.SEE_OTHER);
        });
    }
}
