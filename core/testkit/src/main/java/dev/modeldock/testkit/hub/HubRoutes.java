package dev.modeldock.testkit.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the fake hub answers: the model info API, {@code resolve} (with huggingface.co's headers, and a
 * 302 to the content host for LFS files), the content host's files, and the hub's errors with their
 * {@code X-Error-Code}.
 */
final class HubRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, HubRepo> repos;
    private final FileSender sender;
    private final Function<String, URI> contentUri;

    HubRoutes(Map<String, HubRepo> repos, FileSender sender, Function<String, URI> contentUri) {
        this.repos = repos;
        this.sender = sender;
        this.contentUri = contentUri;
    }

    /** {@code api/models/org/name[/revision/rev]} and {@code org/name/resolve/rev/path...}. */
    void hub(HttpExchange exchange, List<String> s) throws IOException {
        boolean api = s.size() >= 4 && s.get(0).equals("api") && s.get(1).equals("models");
        boolean resolve = s.size() >= 5 && s.get(2).equals("resolve");
        if (!api && !resolve) {
            error(exchange, 404, null, "no such page");
            return;
        }
        String repoId = api ? s.get(2) + "/" + s.get(3) : s.get(0) + "/" + s.get(1);
        HubRepo repo = repos.get(repoId);
        if (repo == null) {
            error(exchange, 404, "RepoNotFound", "Repository Not Found for url: " + exchange.getRequestURI());
            return;
        }
        if (!authorised(exchange, repo)) {
            return;
        }
        String revision = api ? (s.size() >= 6 && s.get(4).equals("revision") ? s.get(5) : "main") : s.get(3);
        String commit = repo.resolve(revision);
        if (commit == null) {
            error(exchange, 404, "RevisionNotFound", "Invalid rev id: " + revision);
        } else if (api) {
            info(exchange, repo);
        } else {
            file(exchange, repo, String.join("/", s.subList(4, s.size())));
        }
    }

    /** {@code repos/lfs/<sha256>}: the bytes of the LFS file with that hash, in any repository. */
    void content(HttpExchange exchange, List<String> s) throws IOException {
        String sha256 = s.get(s.size() - 1);
        for (HubRepo repo : repos.values()) {
            for (String path : repo.files().keySet()) {
                if (repo.isLfs(path) && repo.sha256(path).equals(sha256)) {
                    exchange.getResponseHeaders().set("ETag", quoted(sha256));
                    sender.send(exchange, path, repo.files().get(path));
                    return;
                }
            }
        }
        error(exchange, 404, null, "no such object");
    }

    private boolean authorised(HttpExchange exchange, HubRepo repo) throws IOException {
        if (repo.tokens().isEmpty()) {
            return true;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            error(exchange, 401, "GatedRepo", "Access to model " + repo.repoId() + " is restricted. You must have"
                    + " access to it and be authenticated to access it. Please log in.");
            return false;
        }
        if (!repo.tokens().contains(auth.substring("Bearer ".length()))) {
            error(exchange, 403, "GatedRepo", "Access to model " + repo.repoId() + " is restricted and you are not"
                    + " in the authorized list. Visit https://huggingface.co/" + repo.repoId() + " to ask for access.");
            return false;
        }
        return true;
    }

    /** The model info with {@code blobs=true}: commit, and each file's size, blob id and LFS hash. */
    private void info(HttpExchange exchange, HubRepo repo) throws IOException {
        ObjectNode info = JSON.createObjectNode().put("_id", repo.commit().substring(0, 24))
                .put("id", repo.repoId()).put("modelId", repo.repoId()).put("sha", repo.commit())
                .put("private", false);
        info.put("gated", repo.tokens().isEmpty() ? "false" : "manual");
        ArrayNode siblings = info.putArray("siblings");
        repo.files().forEach((path, content) -> {
            ObjectNode sibling = siblings.addObject().put("rfilename", path).put("size", content.length);
            if (repo.isLfs(path)) {
                sibling.put("blobId", gitBlobIdOfPointer(repo, path));
                sibling.putObject("lfs").put("sha256", repo.sha256(path)).put("size", content.length)
                        .put("pointerSize", pointer(repo, path).length);
            } else {
                sibling.put("blobId", repo.gitBlobId(path));
            }
        });
        byte[] body = JSON.writeValueAsBytes(info);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void file(HttpExchange exchange, HubRepo repo, String path) throws IOException {
        byte[] content = repo.files().get(path);
        if (content == null) {
            error(exchange, 404, "EntryNotFound", "Entry not found");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("X-Repo-Commit", repo.commit());
        if (repo.isLfs(path)) {
            headers.set("ETag", quoted(gitBlobIdOfPointer(repo, path)));
            headers.set("X-Linked-Etag", quoted(repo.sha256(path)));
            headers.set("X-Linked-Size", Long.toString(content.length));
            headers.set("Location", contentUri.apply(repo.sha256(path)).toString());
            exchange.sendResponseHeaders(302, -1);
        } else {
            headers.set("ETag", quoted(repo.gitBlobId(path)));
            sender.send(exchange, path, content);
        }
    }

    private static byte[] pointer(HubRepo repo, String path) {
        return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + repo.sha256(path) + "\nsize "
                + repo.files().get(path).length + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String gitBlobIdOfPointer(HubRepo repo, String path) {
        byte[] pointer = pointer(repo, path);
        byte[] header = ("blob " + pointer.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + pointer.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(pointer, 0, all, header.length, pointer.length);
        return HubRepo.hex("SHA-1", all);
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (code != null) {
            exchange.getResponseHeaders().set("X-Error-Code", code);
        }
        exchange.getResponseHeaders().set("X-Error-Message", message);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }
}
