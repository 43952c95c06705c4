package dev.modeldock.service.isolation;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.host.PluginSources;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.service.isolation.internal.ConversionChild;
import dev.modeldock.service.isolation.internal.LoadCheckWorker;
import dev.modeldock.source.ChecksumMismatch;
import dev.modeldock.source.ModelSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ONNX Runtime session the server opens on a model from outside, each in a child process:
 * upload load checks and the playground's embeddings on a warm worker, one at a time; conversions in
 * a fresh child per job. A child
 * that crashes, passes its memory limit or its time limit is killed, its request fails with an
 * {@link IsolationFailure} naming the problem (logged in one line), and the server goes on.
 */
public final class IsolatedRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatedRuntime.class);

    private final Path folder;
    private final Supplier<PluginSources> plugins;
    private final ChildLimits conversions;
    private final LoadCheckWorker loadChecks;

    /**
     * @param folder        scratch space for the children: their error output, crash reports and
     *                      conversions' staged artifacts
     * @param plugins       the server's plugin folders and disabled plugins as they are when a child
     *                      starts, so that a conversion sees exactly the plugins the server lists
     */
    public IsolatedRuntime(Path folder, Supplier<PluginSources> plugins, ChildLimits loadChecks,
            ChildLimits conversions) {
        this.folder = folder;
        this.plugins = plugins;
        this.conversions = conversions;
        this.loadChecks = new LoadCheckWorker(loadChecks, folder, plugins);
    }

    /**
     * Checks that ONNX Runtime, with onnxruntime-extensions, loads {@code model}, as the database will
     * have to; check the model's structure first.
     *
     * @throws ModelDockException ONNX Runtime's refusal, naming the file
     * @throws IsolationFailure   when loading it crashed ONNX Runtime, needed too much memory or time
     */
    public void checkLoads(Path model) throws IOException {
        try {
            loadChecks.check(model);
        } catch (IsolationFailure e) {
            LOG.warn("an upload's load check failed: {}", e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsolationFailure("loading the model was interrupted: the server is stopping");
        }
    }

    /**
     * Embeds {@code texts} with the pipeline {@code model} (one string in, one vector out) on the warm
     * worker, as the command line's {@code embed} does; the worker keeps the last pipeline open, so
     * give each model a file name of its own (by content) and never change a file once used.
     *
     * @return one vector per text, in order
     * @throws ModelDockException ONNX Runtime's refusal, naming the file (a model that is no pipeline
     *                            taking text, a text the pipeline fails on)
     * @throws IsolationFailure   when embedding crashed ONNX Runtime, needed too much memory or time
     */
    public List<float[]> embed(Path model, List<String> texts) throws IOException {
        try {
            return loadChecks.embed(model, texts);
        } catch (IsolationFailure e) {
            LOG.warn("embedding texts failed: {}", e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsolationFailure("embedding the texts was interrupted: the server is stopping");
        }
    }

    /**
     * Converts and validates {@code model} as the engine's {@code EmbeddingModel.convert} does, in a
     * child of its own: the same source, configuration, function, quality gate and Oracle release. The
     * caller stores the result and closes it.
     *
     * @param progress the child's progress, from 0 to 1
     * @throws ModelDockException the conversion's own failure
     * @throws IsolationFailure   when the child crashed, needed too much memory or time, or the job was
     *                            stopped
     */
    public ConvertedModel convert(EmbeddingModel model, Progress progress) throws IOException {
        Path job = folder.resolve("conversion-" + UUID.randomUUID());
        ModelSource source = model.source();
        Map<String, Object> request = new LinkedHashMap<>();
        // The folder by its real path, as the server confined it, and by the name the lineage records.
        request.put("source", Map.of("folder", source.folder().root().toString(), "id", source.folder().id(),
                "hubId", source.hubId() == null ? "" : source.hubId(),
                "checksumMismatches", source.checksumMismatches().stream().map(ChecksumMismatch::toMap).toList()));
        request.put("config", model.configuration().toMap());
        request.put("ignoreQualityGate", model.ignoresQualityGate());
        request.put("function", model.function().jsonName());
        request.put("targetRelease", model.release().number());
        request.put("staging", job.toAbsolutePath().toString());
        try {
            return ConversionChild.run(request, conversions, job, plugins.get(), progress);
        } catch (IsolationFailure e) {
            LOG.warn("a conversion failed: {}", e.getMessage());
            Artifact.deleteStaging(job);
            throw e;
        } catch (InterruptedException e) {
            Artifact.deleteStaging(job);
            Thread.currentThread().interrupt();
            throw new IsolationFailure("the conversion was stopped: the server is stopping");
        } catch (IOException | RuntimeException e) {
            Artifact.deleteStaging(job);
            throw e;
        }
    }

    /** Ends the load-check worker; a running conversion's child ends with its job. */
    @Override
    public void close() {
        loadChecks.close();
    }
}
