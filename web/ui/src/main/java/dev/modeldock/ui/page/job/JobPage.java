package dev.modeldock.ui.page.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.JobEvent;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.Json;
import dev.modeldock.service.Services;
import dev.modeldock.ui.http.Pages;
import dev.modeldock.ui.http.Viewer;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code /jobs/{id}}: a conversion's or deployment's state, progress and log. While the job runs,
 * {@code assets/job.js} follows the API's event stream ({@code /api/v1/jobs/{id}/events}, which
 * the session cookie opens with the full events); a conversion that succeeds goes on to its new
 * version, a failure shows its reason and a way back to its form, filled in as it was.
 */
public final class JobPage {
    /**
     * The job as the page shows it.
     *
     * @param versionNumber the version a finished conversion made, or 0
     * @param log           the log lines of a finished job (a live one streams them); empty for an
     *                      anonymous reader, as the API shows it no log
     * @param result        a finished non-conversion job's result as indented JSON; empty otherwise
     */
    public record View(Job job, boolean live, int versionNumber, List<String> log, String result, boolean full) {
        public int percent() {
            return (int) Math.round(job.progress() * 100);
        }

        public boolean conversion() {
            return "conversion".equals(job.kind());
        }

        /** When the job was made, to the second, in UTC. */
        public String created() {
            return job.createdAt().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC");
        }

        /** Where a finished conversion's version is, without its number (the script appends it). */
        public String versionsPath() {
            return conversion() && job.model() != null ? "/models/" + job.model() + "/versions/" : "";
        }
    }

    private final Pages pages;
    private final Services services;

    public JobPage(Pages pages, Services services) {
        this.pages = pages;
        this.services = services;
    }

    public void register() {
        pages.get("/jobs/{id}", Access.READ, (ctx, viewer) -> {
            Job job = services.jobs().get(ctx.pathParam("id"));
            pages.render(ctx, "job.jte", "Job " + job.id(), "", Map.of("view", view(job, viewer)));
        });
    }

    private View view(Job job, Viewer viewer) {
        boolean full = viewer.signedIn();
        boolean live = !job.isFinished();
        List<String> log = live || !full ? List.of() : services.jobs().events(job.id(), 0).stream()
                .filter(event -> event.kind().equals("log")).map(JobPage::line).toList();
        JsonNode result = job.result() == null ? MissingNode.getInstance() : Json.tree(job.result());
        int number = "conversion".equals(job.kind()) && result.path("number").isInt() ? result.path("number").asInt()
                : 0;
        String shown = full && !"conversion".equals(job.kind()) && job.result() != null
                ? result.toPrettyString() : "";
        return new View(job, live, number, log, shown, full);
    }

    private static String line(JobEvent event) {
        return Json.tree(event.data()).path("line").asText("");
    }
}
