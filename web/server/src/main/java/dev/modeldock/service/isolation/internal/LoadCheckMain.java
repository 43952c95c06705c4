package dev.modeldock.service.isolation.internal;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.OrtSessions;
import java.nio.file.Path;
import java.util.Map;

/**
 * The load-check worker: a long-lived child that loads one model at a time in ONNX Runtime, with
 * onnxruntime-extensions, as the server's uploads require. It says {@code ready} once ONNX Runtime
 * is up, then answers each {@code {"model": path}} with {@code loaded} or {@code refused} (and ONNX
 * Runtime's message), until its input ends. A model that crashes ONNX Runtime takes only this
 * process down.
 */
public final class LoadCheckMain {
    private LoadCheckMain() {
    }

    public static void main(String[] args) {
        ParentChannel server = ParentChannel.open();
        OrtSessions.environment(); // loads the native library now, not at the first check
        server.send(Map.of("type", "ready"));
        for (Map<String, Object> request = server.receive(); request != null; request = server.receive()) {
            try {
                OrtSessions.checkLoads(Path.of(Messages.text(request, "model")));
                server.send(Map.of("type", "loaded"));
            } catch (ModelDockException e) {
                server.send(Map.of("type", "refused", "message", e.getMessage()));
            }
        }
    }
}
