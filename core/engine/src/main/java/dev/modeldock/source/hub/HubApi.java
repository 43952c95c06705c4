package dev.modeldock.source.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.Json;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The hub's HTTP protocol as {@code huggingface_hub} speaks it: the model info API for a revision's
 * commit and files, and {@code resolve/{commit}/{path}} for a file's bytes, following the redirect of
 * LFS files to the content host (without the token, which is for the hub only) and resuming with
 * byte ranges.
 */
public final class HubApi {
    /** How often a download that broke off is resumed before giving up. */
    private static final int ATTEMPTS = 3;

    private final HubEnvironment env;
    private final HttpClient http;

    public HubApi(HubEnvironment env) {
        this.env = env;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(env.stallTimeout()).build();
    }

    /** The commit a revision names and the files of the repository there. */
    public RepoSnapshot snapshot(String repoId, String revision) {
        URI uri = URI.create(env.endpoint() + "/api/models/" + repoId + "/revision/" + encode(revision) + "?blobs=true");
        HttpResponse<String> response;
        try {
            response = exchange(request(uri, 0), repoId + " revision " + revision,
                    info -> BodySubscribers.ofString(StandardCharsets.UTF_8), new Activity());
        } catch (IOException e) {
            throw new ModelDockException("cannot reach the hub at " + env.endpoint() + " (" + e + "); check the"
                    + " network or HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to use only the cache");
        }
        if (response.statusCode() != 200) {
            throw HubErrors.of(response.statusCode(), response.headers(), env, repoId, revision,
                    "model info of " + repoId);
        }
        try {
            JsonNode json = Json.MAPPER.readTree(response.body());
            List<RepoFile> files = new ArrayList<>();
            for (JsonNode sibling : json.path("siblings")) {
                JsonNode lfs = sibling.path("lfs");
                files.add(new RepoFile(sibling.path("rfilename").asText(), sibling.path("size").asLong(-1),
                        sibling.path("blobId").asText(null), lfs.isObject() ? lfs.path("sha256").asText() : null));
            }
            String commit = json.path("sha").asText("");
            if (!commit.matches("[0-9a-f]{40}")) {
                throw new ModelDockException("the hub's answer for " + repoId + " revision " + revision
                        + " names no commit");
            }
            return new RepoSnapshot(repoId, commit, List.copyOf(files));
        } catch (IOException e) {
            throw new ModelDockException("the hub's answer for " + repoId + " is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Appends the rest of the file to {@code partial} (which may hold its first bytes from an earlier
     * try); a connection that breaks off is resumed from where it stopped.
     *
     * @return the SHA-256 (hex) of the whole file, taken as it was written
     */
    public String download(String repoId, String commit, RepoFile file, Path partial, DownloadProgress progress) {
        String what = "file " + file.path() + " of " + repoId + " at commit " + commit;
        for (int attempt = 1; ; attempt++) {
            try {
                return downloadOnce(repoId, commit, file, partial, progress, what);
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new ModelDockException("the download of " + what + " broke off " + ATTEMPTS + " times ("
                            + e.getMessage() + "); the " + size(partial) + " bytes received are kept in " + partial
                            + " and the next try resumes from there");
                }
            }
        }
    }

    private String downloadOnce(String repoId, String commit, RepoFile file, Path partial, DownloadProgress progress,
            String what) throws IOException {
        URI uri = URI.create(env.endpoint() + "/" + repoId + "/resolve/" + commit + "/" + encodePath(file.path()));
        for (int hop = 0; hop < 5; hop++) {
            long have = size(partial);
            if (have >= file.size() && file.size() >= 0) {
                Files.write(partial, new byte[0]);
                have = 0;
            }
            Activity activity = new Activity();
            HttpResponse<String> response = exchange(request(uri, have), what, info -> {
                if (info.statusCode() == 200 || info.statusCode() == 206) {
                    try {
                        return new FileBody(partial, info.statusCode() == 206, file.path(), file.size(), progress,
                                activity);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return BodySubscribers.ofString(StandardCharsets.UTF_8);
            }, activity);
            int status = response.statusCode();
            if (status == 200 || status == 206) {
                return response.body();
            }
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                uri = uri.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            throw HubErrors.of(status, response.headers(), env, repoId, commit, what);
        }
        throw new ModelDockException("the hub redirected " + what + " more than 5 times");
    }

    private HttpRequest request(URI uri, long from) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().header("User-Agent", "modeldock");
        // the token is the hub's: a redirect to another host (the CDN) does not get it
        if (env.token() != null && sameOrigin(uri, env.endpoint())) {
            builder.header("Authorization", "Bearer " + env.token());
        }
        if (from > 0) {
            builder.header("Range", "bytes=" + from + "-");
        }
        return builder.build();
    }

    /** Sends the request and waits for its answer while bytes keep coming; a stall is an error that says so. */
    private HttpResponse<String> exchange(HttpRequest request, String what,
            HttpResponse.BodyHandler<String> handler, Activity activity) throws IOException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, handler);
        while (true) {
            try {
                // wakes when the answer is complete, or when the connection may have been quiet too long
                return answer.get(Math.max(1, env.stallTimeout().toMillis() - activity.idleMillis()),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (activity.idleMillis() >= env.stallTimeout().toMillis()) {
                    activity.cancel();
                    answer.cancel(true);
                    throw new ModelDockException("the hub sent nothing for " + env.stallTimeout().toSeconds()
                            + " s while sending " + what + " (" + request.uri().getHost() + "); giving up. What"
                            + " arrived is kept and the next try resumes from it; check the network, or allow"
                            + " longer pauses with HF_HUB_DOWNLOAD_TIMEOUT (seconds)");
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw new ModelDockException("cannot reach the hub for " + what + ": " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                throw new ModelDockException("interrupted while fetching " + what);
            }
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String path) {
        return Arrays.stream(path.split("/")).map(HubApi::encode).collect(Collectors.joining("/"));
    }
}
