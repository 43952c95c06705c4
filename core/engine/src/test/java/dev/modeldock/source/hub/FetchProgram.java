package dev.modeldock.source.hub;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Another process fetching a model: {@code FetchProgram CACHE_DIR ENDPOINT REPO_ID} prints the snapshot folder. */
public final class FetchProgram {
    private FetchProgram() {
    }

    public static void main(String[] args) {
        HubEnvironment env = new HubEnvironment(URI.create(args[1]), null, false, Duration.ofSeconds(10));
        System.out.println("fetched " + new HubRepository(Path.of(args[0]), env, false, false)
                .fetch(args[2], "main", DownloadProgress.NONE).folder().root());
    }
}
