package dev.modeldock.ui.page;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.ConflictException;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.ModelQuery;
import dev.modeldock.registry.ModelSort;
import dev.modeldock.registry.ModelSummary;
import dev.modeldock.registry.Names;
import dev.modeldock.registry.Page;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The home page: every model in the catalog with its latest version, aliases, tags, size and where it
 * is deployed; searched, filtered by tag or alias, sorted and paged. Editors create models here.
 */
public final class CatalogPage {
    static final int PAGE_SIZE = 25;

    private final Pages pages;
    private final Services services;

    public CatalogPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    /** The search as the page's query string holds it. */
    public record Search(String text, String tag, String alias, ModelSort sort, int page) {
        /** This search's URL on another page of results. */
        public String href(int otherPage) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("q", text);
            params.put("tag", tag);
            params.put("alias", alias);
            params.put("sort", sort == ModelSort.NAME ? null : sort.id());
            params.put("page", otherPage == 0 ? null : String.valueOf(otherPage));
            StringBuilder url = new StringBuilder("/");
            params.forEach((name, value) -> {
                if (value != null) {
                    url.append(url.length() == 1 ? '?' : '&').append(name).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            });
            return url.toString();
        }

        public boolean filtered() {
            return text != null || tag != null || alias != null;
        }
    }

    /** The create-model form as sent, with what was wrong; empty for a fresh form. */
    public record NewModelForm(String name, String description, String tags, String error) {
        static final NewModelForm EMPTY = new NewModelForm("", "", "", "");
    }

    /** One page of results and its neighbours' links (empty when there is none). */
    public record Results(Page<ModelSummary> page, String previous, String next) {
        public int first() {
            return page.items().isEmpty() ? 0 : page.offset() + 1;
        }

        public int last() {
            return page.offset() + page.items().size();
        }
    }

    public void register() {
        pages.get("/", Access.READ, (ctx, viewer) -> render(ctx, NewModelForm.EMPTY));
        pages.post("/models", Access.EDIT, (ctx, viewer) -> {
            NewModelForm form = new NewModelForm(field(ctx, "name").strip(), field(ctx, "description"),
                    field(ctx, "tags"), "");
            try {
                Model model = services.models().create(form.name(), form.description(), TagsField.parse(form.tags()),
                        viewer.name());
                ctx.redirect("/models/" + URLEncoder.encode(model.name(), StandardCharsets.UTF_8)
                        .replace("+", "%20"), HttpStatus.SEE_OTHER);
            } catch (ModelDockException e) { // a conflict (the name is taken) too
                ctx.status(e instanceof ConflictException ? 409 : 400);
                render(ctx, new NewModelForm(form.name(), form.description(), form.tags(), e.getMessage()));
            }
        });
    }

    private void render(Context ctx, NewModelForm form) {
        Search search = new Search(blankToNull(ctx.queryParam("q")), blankToNull(ctx.queryParam("tag")),
                blankToNull(ctx.queryParam("alias")), ModelSort.parse(ctx.queryParam("sort")), pageNumber(ctx));
        Page<ModelSummary> page = services.models().summaries(new ModelQuery(search.text(), search.tag(),
                search.alias(), search.page() * PAGE_SIZE, PAGE_SIZE, search.sort()));
        String previous = search.page() > 0 ? search.href(search.page() - 1) : "";
        String next = page.offset() + page.items().size() < page.total() ? search.href(search.page() + 1) : "";
        pages.render(ctx, "catalog.jte", "Catalog", "catalog", Map.of("search", search,
                "results", new Results(page, previous, next), "sorts", List.of(ModelSort.values()), "form", form));
    }

    /** How the sort menu names a sort. */
    public static String label(ModelSort sort) {
        return switch (sort) {
            case NAME -> "Name";
            case UPDATED -> "Recently updated";
            case VERSIONS -> "Most versions";
        };
    }

    /** The page asked for, from 0; anything but a whole number from 0 to a million is refused (400). */
    private static int pageNumber(Context ctx) {
        String page = blankToNull(ctx.queryParam("page"));
        if (page == null) {
            return 0;
        }
        if (!page.matches("[0-9]{1,6}")) {
            throw new ModelDockException("page must be a whole number from 0, not '" + Names.printable(page) + "'");
        }
        return Integer.parseInt(page);
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
