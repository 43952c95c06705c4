package dev.modeldock.ui;

import dev.modeldock.server.WebModule;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import dev.modeldock.ui.http.SecurityHeaders;
import dev.modeldock.ui.http.Templates;
import dev.modeldock.ui.page.AccountPage;
import dev.modeldock.ui.page.AuditPage;
import dev.modeldock.ui.page.CatalogPage;
import dev.modeldock.ui.page.ComparePage;
import dev.modeldock.ui.page.DeployPage;
import dev.modeldock.ui.page.DeploymentsPage;
import dev.modeldock.ui.page.ModelPage;
import dev.modeldock.ui.page.PlaygroundPage;
import dev.modeldock.ui.page.PluginsPage;
import dev.modeldock.ui.page.SignInPage;
import dev.modeldock.ui.page.TargetFormPage;
import dev.modeldock.ui.page.TargetsPage;
import dev.modeldock.ui.page.UsersPage;
import dev.modeldock.ui.page.VersionPage;
import dev.modeldock.ui.page.job.JobPage;
import dev.modeldock.ui.page.newversion.NewVersionPage;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * The web UI as the server mounts it: its pages, its own scripts and styles under {@code /assets},
 * and htmx and Chart.js under {@code /webjars}, all from the class path (no CDN, nothing fetched at
 * run time).
 */
public final class WebUi implements WebModule {
    private final Templates templates = new Templates();

    @Override
    public void configure(JavalinConfig config) {
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/dev/modeldock/ui/assets";
            files.location = Location.CLASSPATH;
        });
    }

    @Override
    public void register(Javalin app, Services services, Auth auth) {
        app.before("/assets/*", SecurityHeaders::apply);
        app.before("/webjars/*", SecurityHeaders::apply);
        Pages pages = new Pages(app, auth, templates);
        new SignInPage(pages, services.sessions()).register();
        new CatalogPage(pages, services).register();
        new DeployPage(pages, services).register();
        new DeploymentsPage(pages, services).register();
        new TargetsPage(pages, services.targets()).register();
        new TargetFormPage(pages, services.targets()).register();
        new VersionPage(pages, services).register();
        new ComparePage(pages, services).register();
        new NewVersionPage(pages, services).register();
        new JobPage(pages, services).register();
        new ModelPage(pages, services).register();
        new PluginsPage(pages, services.plugins(), services.catalog()).register();
        new PlaygroundPage(pages, services).register();
        new UsersPage(pages, services.users(), services.sessions()).register();
        new AuditPage(pages, services.audit()).register();
        new AccountPage(pages, services.users(), services.sessions()).register();
        app.error(404, "html", ctx -> { // a browser at an address no page has: the layout, not the API's JSON
            if (!ctx.path().startsWith("/api/") && !ctx.path().startsWith("/assets/")
                    && !ctx.path().startsWith("/webjars/")) {
                SecurityHeaders.apply(ctx);
                pages.error(ctx, 404, "There is no page at " + ctx.path() + ".");
            }
        });
    }

    /** The templates, for the render benchmark. */
    public Templates templates() {
        return templates;
    }
}
