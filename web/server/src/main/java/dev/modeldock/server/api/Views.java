package dev.modeldock.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.Page;
import dev.modeldock.registry.TargetProfile;
import dev.modeldock.registry.Version;
import dev.modeldock.server.auth.Caller;
import dev.modeldock.service.Json;
import dev.modeldock.service.VersionDocument;
import dev.modeldock.service.VersionService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How stored things look in API answers. Stored JSON documents are embedded as JSON, not as
 * strings, and secrets never appear.
 */
final class Views {
    /** What a job view shows a reader without a token. */
    private static final Set<String> PUBLIC_JOB_FIELDS = Set.of("id", "kind", "model", "state", "progress",
            "createdAt", "startedAt", "finishedAt", "events");

    private Views() {
    }

    /** A page of a longer list, as {@code /models} answers: items, offset, limit, total. */
    static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items().stream().map(view).toList());
        answer.put("offset", page.offset());
        answer.put("limit", page.limit());
        answer.put("total", page.total());
        return answer;
    }

    static Map<String, Object> model(Model m) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", m.name());
        view.put("description", m.description());
        view.put("tags", m.tags());
        view.put("latestVersion", m.latestVersion() == 0 ? null : m.latestVersion());
        view.put("aliases", m.aliases());
        view.put("createdAt", m.createdAt());
        view.put("updatedAt", m.updatedAt());
        return view;
    }

    /** As a conversion job records the version it made. */
    static Map<String, Object> version(Version v) {
        return VersionDocument.of(v);
    }

    /**
     * A job as a reader without a token sees it: what it is, how far it got and when, but not its
     * request, log, result or error, which name server folders and quote what went wrong.
     */
    static Map<String, Object> job(Job j, Caller caller) {
        Map<String, Object> view = job(j);
        if (caller.isAnonymous()) {
            view.keySet().retainAll(PUBLIC_JOB_FIELDS);
        }
        return view;
    }

    /** The version, and {@code identicalTo} when an earlier version has the same bytes. */
    static Map<String, Object> upload(VersionService.Uploaded uploaded) {
        Map<String, Object> view = new LinkedHashMap<>(version(uploaded.version()));
        uploaded.identicalTo().ifPresent(number -> view.put("identicalTo", number));
        return view;
    }

    static Map<String, Object> job(Job j) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", j.id());
        view.put("kind", j.kind());
        view.put("model", j.model());
        view.put("state", j.state());
        view.put("progress", j.progress());
        view.put("stage", j.stage());
        view.put("request", Json.tree(j.request()));
        view.put("result", Json.tree(j.result()));
        view.put("error", j.error());
        view.put("createdBy", j.createdBy());
        view.put("createdAt", j.createdAt());
        view.put("startedAt", j.startedAt());
        view.put("finishedAt", j.finishedAt());
        view.put("server", j.server());
        view.put("events", "/api/v1/jobs/" + j.id() + "/events");
        return view;
    }

    /**
     * A deployment as a reader without a token sees it: without where it went ({@code location}, a
     * server path for a file target), its error, and the target's words on the last drift check.
     */
    static Map<String, Object> deployment(Deployment d, Caller caller) {
        Map<String, Object> view = deployment(d);
        if (caller.isAnonymous()) {
            view.remove("location");
            view.remove("error");
            if (view.get("lastCheck") instanceof ObjectNode check) {
                check.remove("detail");
            }
        }
        return view;
    }

    static Map<String, Object> deployment(Deployment d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("model", d.model());
        view.put("version", d.version());
        view.put("target", d.target());
        view.put("databaseModelName", d.databaseModelName());
        view.put("artifactSha256", d.artifactSha256());
        view.put("status", d.status());
        view.put("jobId", d.jobId());
        view.put("location", d.location());
        view.put("error", d.error());
        view.put("lastCheck", Json.tree(d.lastCheck()));
        view.put("checkedAt", d.checkedAt());
        view.put("createdBy", d.createdBy());
        view.put("createdAt", d.createdAt());
        view.put("updatedAt", d.updatedAt());
        view.put("finishedAt", d.finishedAt());
        return view;
    }

    /** Secret settings show only as set, never with their values. */
    static Map<String, Object> target(TargetProfile t) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", t.name());
        view.put("plugin", t.plugin());
        view.put("settings", t.settings());
        view.put("secretsSet", t.secretKeys().stream().sorted().toList());
        view.put("createdAt", t.createdAt());
        view.put("updatedAt", t.updatedAt());
        return view;
    }
}
