package dev.modeldock.service.isolation.internal;

import dev.modeldock.host.PluginSources;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.service.isolation.ChildLimits;
import dev.modeldock.service.isolation.IsolationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's side of the warm worker ({@link LoadCheckMain}): one process serving one request at a
 * time (an upload's load check, or the playground's embedding of a few texts), so that a request costs
 * a model load and not a JVM start. It is started at the
 * first check; one that crashed, was killed or timed out is replaced at once, in the background, so
 * that the next check finds a fresh one (or waits for it).
 */
public final class LoadCheckWorker implements AutoCloseable {
    /** A worker has this long to start ONNX Runtime, whatever the time allowed for one check. */
    private static final Duration START_ALLOWANCE = Duration.ofMinutes(2);
    private static final String DOING = "loading the model";
    private static final String CRASH = "ONNX Runtime crashed while loading the model";
    private static final String EMBEDDING = "embedding the texts";
    private static final String EMBEDDING_CRASH = "ONNX Runtime crashed while embedding the texts";

    private final ChildLimits limits;
    private final Path folder;
    private final Supplier<PluginSources> plugins;
    private JavaChild worker; // guarded by this
    private boolean closed; // guarded by this

    /** @param folder where the worker's error output and any crash report go */
    public LoadCheckWorker(ChildLimits limits, Path folder, Supplier<PluginSources> plugins) {
        this.limits = limits;
        this.folder = folder;
        this.plugins = plugins;
    }

    /**
     * Loads {@code model} in the worker, waiting for any request before it.
     *
     * @throws ModelDockException ONNX Runtime's refusal, naming the file
     * @throws IsolationFailure   when the worker crashed, passed its memory limit or timed out
     */
    public synchronized void check(Path model) throws IOException, InterruptedException {
        ask(Map.of("model", model.toAbsolutePath().toString()), DOING, CRASH);
    }

    /**
     * Runs the embedding pipeline {@code model} on each text in the worker, waiting for any request
     * before it; the worker keeps the last pipeline open for the next request.
     *
     * @return one vector per text, in order
     * @throws ModelDockException ONNX Runtime's refusal (not a pipeline that takes text, a text it fails on)
     * @throws IsolationFailure   when the worker crashed, passed its memory limit or timed out
     */
    public synchronized List<float[]> embed(Path model, List<String> texts) throws IOException,
            InterruptedException {
        Map<String, Object> answer = ask(Map.of("model", model.toAbsolutePath().toString(), "texts", texts),
                EMBEDDING, EMBEDDING_CRASH);
        List<float[]> vectors = new ArrayList<>();
        for (Object vector : (List<?>) answer.get("vectors")) {
            List<?> values = (List<?>) vector;
            float[] floats = new float[values.size()];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = ((Number) values.get(i)).floatValue();
            }
            vectors.add(floats);
        }
        return vectors;
    }

    private Map<String, Object> ask(Map<String, Object> request, String doing, String crash) throws IOException,
            InterruptedException {
        JavaChild child = running();
        child.send(request);
        Map<String, Object> answer;
        try {
            answer = child.next(limits.timeout(), doing, crash);
        } catch (IsolationFailure | InterruptedException e) {
            discard();
            replaceSoon();
            throw e;
        }
        if (Messages.type(answer).equals("refused")) {
            throw new ModelDockException(Messages.text(answer, "message"));
        }
        return answer;
    }

    /** Starts the worker now rather than at the first check; returns once it is ready. */
    public synchronized void start() throws IOException, InterruptedException {
        running();
    }

    private void replaceSoon() {
        Thread starter = new Thread(() -> {
            try {
                start();
            } catch (IOException | RuntimeException | InterruptedException e) {
                // The next check starts one itself and reports what goes wrong.
            }
        }, "modeldock-load-check-worker-start");
        starter.setDaemon(true);
        starter.start();
    }

    private JavaChild running() throws IOException, InterruptedException {
        if (closed) {
            throw new IsolationFailure("loading the model was refused: the server is stopping");
        }
        if (worker != null && worker.isAlive()) {
            return worker;
        }
        discard();
        JavaChild child = JavaChild.start(LoadCheckMain.class, limits, folder, plugins.get());
        try {
            child.next(START_ALLOWANCE, "starting ONNX Runtime's worker process",
                    "ONNX Runtime's worker process crashed while starting");
        } catch (IsolationFailure | InterruptedException e) {
            child.close();
            throw e;
        }
        worker = child;
        return child;
    }

    private void discard() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    /** Ends the worker. */
    @Override
    public synchronized void close() {
        closed = true;
        discard();
    }
}
