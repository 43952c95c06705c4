package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub settings come from the variables huggingface_hub reads, in the same order. */
class HubEnvironmentTest {
    @TempDir
    Path home;

    @Test
    void withNothingSetItIsHuggingFaceOnlineWithoutAToken() {
        HubEnvironment env = HubEnvironment.of(Map.of(), home);
        assertEquals(URI.create("https://huggingface.co"), env.endpoint());
        assertNull(env.token());
        assertFalse(env.offline());
        assertEquals(Duration.ofSeconds(10), env.stallTimeout());
    }

    @Test
    void hfTokenComesBeforeTheTokenFilesAndTheFilesInHuggingFaceHubsOrder() throws IOException {
        Path defaultFile = Files.createDirectories(home.resolve(".cache/huggingface")).resolve("token");
        Files.writeString(defaultFile, "hf_from_home\n");
        assertEquals("hf_from_home", HubEnvironment.of(Map.of(), home).token());
        Path hfHome = Files.createDirectories(home.resolve("hf"));
        Files.writeString(hfHome.resolve("token"), "hf_from_hf_home");
        assertEquals("hf_from_hf_home", HubEnvironment.of(Map.of("HF_HOME", hfHome.toString()), home).token());
        Path explicit = Files.writeString(home.resolve("my-token"), "hf_from_path");
        assertEquals("hf_from_path", HubEnvironment.of(Map.of("HF_HOME", hfHome.toString(),
                "HF_TOKEN_PATH", explicit.toString()), home).token());
        assertEquals("hf_variable", HubEnvironment.of(Map.of("HF_TOKEN", "hf_variable",
                "HF_TOKEN_PATH", explicit.toString()), home).token());
    }

    @Test
    void aMirrorOfflineModeAndTimeoutAreRead() {
        HubEnvironment env = HubEnvironment.of(Map.of("HF_ENDPOINT", "https://mirror.example/hf/",
                "HF_HUB_OFFLINE", "1", "HF_HUB_DOWNLOAD_TIMEOUT", "2.5"), home);
        assertEquals(URI.create("https://mirror.example/hf"), env.endpoint());
        assertTrue(env.offline());
        assertEquals(Duration.ofMillis(2500), env.stallTimeout());
        assertTrue(HubEnvironment.of(Map.of("HF_HUB_OFFLINE", "TRUE"), home).offline());
        assertFalse(HubEnvironment.of(Map.of("HF_HUB_OFFLINE", "0"), home).offline());
        assertThrows(ModelDockException.class, () -> HubEnvironment.of(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "soon"), home));
    }
}
