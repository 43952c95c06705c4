package dev.modeldock.ui.page;

import dev.modeldock.host.PluginInfo;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.CatalogService;
import dev.modeldock.ui.http.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The plugins the server loaded: id, version, state and the extensions each provides, by extension point. */
public final class PluginsPage {
    private final Pages pages;
    private final CatalogService catalog;

    public PluginsPage(Pages pages, CatalogService catalog) {
        this.pages = pages;
        this.catalog = catalog;
    }

    /** One extension point of a plugin and the names of what it provides there. */
    public record Provided(String point, List<String> names) {
    }

    /** A plugin as the page shows it. */
    public record Row(String id, String version, String state, List<Provided> provides) {
        public boolean started() {
            return "STARTED".equalsIgnoreCase(state);
        }
    }

    public void register() {
        pages.get("/plugins", Access.READ, (ctx, viewer) -> {
            List<Row> rows = new ArrayList<>();
            for (PluginInfo plugin : catalog.plugins()) {
                List<Provided> provides = new ArrayList<>();
                plugin.extensions().forEach((point, names) -> provides.add(new Provided(point, names)));
                rows.add(new Row(plugin.id(), plugin.version(), plugin.state().name(), provides));
            }
            pages.render(ctx, "plugins.jte", "Plugins", "plugins", Map.of("plugins", rows,
                    "version", catalog.version()));
        });
    }
}
