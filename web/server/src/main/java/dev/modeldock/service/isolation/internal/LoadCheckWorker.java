package dev.modeldock.service.isolation.internal;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.service.isolation.ChildLimits;
import dev.modeldock.service.isolation.IsolationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The server's side of the load-check worker ({@link LoadCheckMain}): one warm process serving one
 * check at a time, so that an upload costs a model load and not a JVM start. It is started at the
 * first check; one that crashed, was killed or timed out is replaced at once, in the background, so
 * that the next check finds a fresh one (or waits for it).
 */
public final class LoadCheckWorker implements AutoCloseable {
    /** A worker has this long to start ONNX Runtime, whatever the time allowed for one check. */
    private static final Duration START_ALLOWANCE = Duration.ofMinutes(2);
    private static final String DOING = "loading the model";
    private static final String CRASH = "ONNX Runtime crashed while loading the model";

    private final ChildLimits limits;
    private final Path folder;
    private final Path pluginsFolder;
    private JavaChild worker; // guarded by this
    private boolean closed; // guarded by this

    /** @param folder where the worker's error output and any crash report go */
    public LoadCheckWorker(ChildLimits limits, Path folder, Path pluginsFolder) {
        this.limits = limits;
        this.folder = folder;
        this.pluginsFolder = pluginsFolder;
    }

    /**
     * Loads {@code model} in the worker, waiting for any check before it.
     *
     * @throws ModelDockException ONNX Runtime's refusal, naming the file
     * @throws IsolationFailure   when the worker crashed, passed its memory limit or timed out
     */
    public synchronized void check(Path model) throws IOException, InterruptedException {
        JavaChild child = running();
        child.send(Map.of("model", model.toAbsolutePath().toString()));
        Map<String, Object> answer;
        try {
            answer = child.next(limits.timeout(), DOING, CRASH);
        } catch (IsolationFailure | InterruptedException e) {
            discard();
            replaceSoon();
            throw e;
        }
        if (Messages.type(answer).equals("refused")) {
            throw new ModelDockException(Messages.text(answer, "message"));
        }
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
        JavaChild child = JavaChild.start(LoadCheckMain.class, limits, folder, pluginsFolder);
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
