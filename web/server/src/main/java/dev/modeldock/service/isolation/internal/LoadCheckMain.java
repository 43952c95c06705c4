package dev.modeldock.service.isolation.internal;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.OrtSessions;
import dev.modeldock.runtime.PipelineSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The warm worker: a long-lived child that serves one request at a time with ONNX Runtime and
 * onnxruntime-extensions. It says {@code ready} once ONNX Runtime is up, then answers each
 * {@code {"model": path}} (a load check, as the server's uploads require) with {@code loaded}, and
 * each {@code {"model": path, "texts": [...]}} (the playground's embedding, with the runtime code the
 * command line's {@code embed} uses) with {@code embedded} and one vector per text; a refusal is
 * {@code refused} with ONNX Runtime's message. It ends when its input ends. A model that crashes
 * ONNX Runtime takes only this process down.
 */
public final class LoadCheckMain {
    private LoadCheckMain() {
    }

    public static void main(String[] args) {
        ParentChannel server = ParentChannel.open();
        OrtSessions.environment(); // loads the native library now, not at the first check
        server.send(Map.of("type", "ready"));
        Pipelines pipelines = new Pipelines();
        for (Map<String, Object> request = server.receive(); request != null; request = server.receive()) {
            try {
                Path model = Path.of(Messages.text(request, "model"));
                if (request.get("texts") instanceof List<?> texts) {
                    server.send(Map.of("type", "embedded", "vectors", pipelines.embed(model, texts)));
                } else {
                    pipelines.close(); // a load check gets the worker's memory to itself, as before the playground
                    OrtSessions.checkLoads(model);
                    server.send(Map.of("type", "loaded"));
                }
            } catch (ModelDockException e) {
                server.send(Map.of("type", "refused", "message", e.getMessage()));
            }
        }
        pipelines.close();
    }

    /**
     * The last pipeline embedded with, kept open: the playground asks of one version again and
     * again, and the server names each by its content (its SHA-256), so a path means one model.
     */
    private static final class Pipelines {
        private Path open;
        private PipelineSession session;

        List<float[]> embed(Path model, List<?> texts) {
            if (!model.equals(open)) {
                close();
                session = PipelineSession.open(model, 1);
                open = model;
            }
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (Object text : texts) {
                vectors.add(session.embed(String.valueOf(text)));
            }
            return vectors;
        }

        void close() {
            if (session != null) {
                session.close();
                session = null;
                open = null;
            }
        }
    }
}
