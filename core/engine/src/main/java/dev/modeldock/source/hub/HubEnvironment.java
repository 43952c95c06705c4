package dev.modeldock.source.hub;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to reach the hub, read from the variables {@code huggingface_hub} reads: {@code HF_ENDPOINT}
 * (a mirror), {@code HF_TOKEN}, else the token file ({@code HF_TOKEN_PATH}, else {@code $HF_HOME/token},
 * else {@code ~/.cache/huggingface/token}), {@code HF_HUB_OFFLINE} and {@code HF_HUB_DOWNLOAD_TIMEOUT}.
 *
 * @param endpoint     the hub's address, without a trailing slash
 * @param token        sent as {@code Authorization: Bearer} to the hub (never to the content host); null for none
 * @param offline      use only the cache, make no request
 * @param stallTimeout how long a connection may send nothing before the download is given up
 */
public record HubEnvironment(URI endpoint, String token, boolean offline, Duration stallTimeout) {
    public static final URI HUGGING_FACE = URI.create("https://huggingface.co");
    private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");

    /** The process's environment and home folder. */
    public static HubEnvironment fromSystem() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static HubEnvironment of(Map<String, String> env, Path home) {
        String endpoint = env.getOrDefault("HF_ENDPOINT", HUGGING_FACE.toString()).strip();
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        boolean offline = TRUE.contains(env.getOrDefault("HF_HUB_OFFLINE", "").strip().toLowerCase(Locale.ROOT));
        Duration timeout = Duration.ofSeconds(10);
        String seconds = env.get("HF_HUB_DOWNLOAD_TIMEOUT");
        if (seconds != null && !seconds.isBlank()) {
            try {
                timeout = Duration.ofMillis((long) (Double.parseDouble(seconds.strip()) * 1000));
            } catch (NumberFormatException e) {
                throw new ModelDockException("HF_HUB_DOWNLOAD_TIMEOUT must be a number of seconds, got '" + seconds + "'");
            }
        }
        return new HubEnvironment(URI.create(endpoint), token(env, home), offline, timeout);
    }

    /** The same, with another token (for a caller that has one of its own). */
    public HubEnvironment withToken(String newToken) {
        return new HubEnvironment(endpoint, newToken, offline, stallTimeout);
    }

    private static String token(Map<String, String> env, Path home) {
        String token = env.get("HF_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        Path file = env.get("HF_TOKEN_PATH") != null ? Path.of(env.get("HF_TOKEN_PATH"))
                : env.get("HF_HOME") != null ? Path.of(env.get("HF_HOME"), "token")
                : home.resolve(".cache/huggingface/token");
        try {
            String stored = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
            return stored.isEmpty() ? null : stored;
        } catch (IOException e) {
            throw new ModelDockException("cannot read the hub token file " + file + ": " + e.getMessage());
        }
    }
}
