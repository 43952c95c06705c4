package dev.modeldock.ui.page;

import dev.modeldock.registry.AuditEntry;
import dev.modeldock.registry.AuditQuery;
import dev.modeldock.registry.Page;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.AuditService;
import dev.modeldock.ui.http.Pages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The audit log (admin): who did what, to what, when; filtered by actor, action and subject text, a page at a time. */
public final class AuditPage {
    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final AuditService audit;

    public AuditPage(Pages pages, AuditService audit) {
        this.pages = pages;
        this.audit = audit;
    }

    /** The filters as the query string holds them; empty strings for none. */
    public record Filters(String actor, String action, String subject, int page) {
        /** The query string of another page with the same filters. */
        public String link(int otherPage) {
            return "/audit?actor=" + encode(actor) + "&action=" + encode(action) + "&subject=" + encode(subject)
                    + "&page=" + otherPage;
        }

        /** The first page of these filters with another actor. */
        public String withActor(String other) {
            return new Filters(other, action, subject, 0).link(0);
        }

        public boolean any() {
            return !actor.isEmpty() || !action.isEmpty() || !subject.isEmpty();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    public void register() {
        pages.get("/audit", Access.ADMIN, (ctx, viewer) -> {
            Filters filters = new Filters(text(ctx.queryParam("actor")), text(ctx.queryParam("action")),
                    text(ctx.queryParam("subject")), Math.max(0, ctx.queryParamAsClass("page", Integer.class)
                    .getOrDefault(0)));
            Page<AuditEntry> entries = audit.search(new AuditQuery(nullIfEmpty(filters.actor()),
                    nullIfEmpty(filters.action()), nullIfEmpty(filters.subject()), filters.page() * PAGE_SIZE,
                    PAGE_SIZE));
            pages.render(ctx, "audit.jte", "Audit log", "users", Map.of("filters", filters, "entries", entries,
                    "actions", audit.actions(), "last", (int) Math.max(0, (entries.total() - 1) / PAGE_SIZE)));
        });
    }

    /** An entry's time to the second, in UTC: {@code 2026-12-01 12:35:27}. */
    public static String when(Instant at) {
        return WHEN.format(at);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }
}
