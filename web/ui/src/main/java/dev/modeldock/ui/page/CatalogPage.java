package dev.modeldock.ui.page;

import dev.modeldock.registry.Model;
import dev.modeldock.registry.ModelQuery;
import dev.modeldock.registry.Page;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import java.util.Map;

/** The home page: every model in the catalog, searchable and paged. */
public final class CatalogPage {
    static final int PAGE_SIZE = 25;

    private final Pages pages;
    private final Services services;

    public CatalogPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /** The search as the page's query string holds it. */
    public record Search(String text, String tag, String alias, int page) {
    }

    public void register() {
        pages.get("/", Access.READ, (ctx, viewer) -> {
            Search search = new Search(blankToNull(ctx.queryParam("q")), blankToNull(ctx.queryParam("tag")),
                    blankToNull(ctx.queryParam("alias")), Math.max(0, ctx.queryParamAsClass("page", Integer.class)
                    .getOrDefault(0)));
            Page<Model> models = services.models().list(new ModelQuery(search.text(), search.tag(), search.alias(),
                    search.page() * PAGE_SIZE, PAGE_SIZE));
            pages.render(ctx, "catalog.jte", "Catalog", "catalog", Map.of("search", search, "models", models));
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
