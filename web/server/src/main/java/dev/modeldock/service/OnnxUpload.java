package dev.modeldock.service;

import dev.modeldock.artifact.Provenance;
import dev.modeldock.conversion.PrebuiltModel;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelStructureException;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.PendingArtifact;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.StoredArtifact;
import dev.modeldock.registry.Version;
import dev.modeldock.service.isolation.IsolatedRuntime;
import dev.modeldock.service.isolation.IsolationFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Takes in an ONNX model someone built elsewhere, with its import metadata: its structure checked
 * against the rules of the ONNX specification native code relies on (recursion in local functions,
 * duplicate names, tensor sizes, external data; {@code onnx.ModelChecks}), checked the way Oracle
 * will check it, and only then loaded once in ONNX Runtime, in a child process ({@link IsolatedRuntime}),
 * while its bytes are staged in the artifact store; they become an artifact only once it has loaded.
 * A model that fails, crashes ONNX Runtime or exhausts its memory or time leaves the registry exactly
 * as it was.
 */
final class OnnxUpload {
    private final Registry registry;
    private final Extensions extensions;
    private final IsolatedRuntime isolated;
    private final Path workDir;

    OnnxUpload(Registry registry, Extensions extensions, IsolatedRuntime isolated, Path workDir) {
        this.registry = registry;
        this.extensions = extensions;
        this.isolated = isolated;
        this.workDir = workDir;
    }

    /**
     * @param fileName      the name the client gave the file, kept in the lineage (the provenance) only
     * @param release       the Oracle release the model is meant for, which bounds its size
     */
    Version accept(String model, ReceivedFile onnx, String fileName, String metadata, OracleRelease release,
            String actor) throws IOException {
        Path file = receive(model, onnx);
        try {
            List<MetadataProblem> problems = checkModel(file, fileName, metadata, Files.size(file), release);
            StoredArtifact artifact = storeOnceLoaded(file, fileName);
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("metadata", Map.of("errors", List.of(), "warnings",
                    problems.stream().map(OnnxUpload::problem).toList()));
            validation.put("runtime", "loads in ONNX Runtime with onnxruntime-extensions");
            validation.put("targetRelease", release.number());
            return registry.versions().create(model, new NewVersion(artifact.sha256(), null,
                    Json.write(Provenance.uploaded(fileName, fileName, artifact.sha256()).toMap()), metadata,
                    Json.write(validation)), actor);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Stores the model while ONNX Runtime loads it in the child process, and makes it an artifact
     * only once it has loaded. For a large model each step takes seconds and neither needs the
     * other, so side by side they take the time of the longer one (a 1 GiB model: about 5 s to
     * load, 7 s into embedded H2). A model that does not load stops the copy at once, and what was
     * staged is removed.
     */
    private StoredArtifact storeOnceLoaded(Path file, String fileName) throws IOException {
        FutureTask<Void> loading = new FutureTask<>(() -> {
            checkLoads(file, fileName);
            return null;
        });
        Thread loader = new Thread(loading, "modeldock-load-check");
        loader.setDaemon(true);
        loader.start();
        try (InputStream in = endingOnRefusal(Files.newInputStream(file), loading);
                PendingArtifact pending = registry.artifacts().stage(in)) {
            awaitLoad(loading);
            return pending.publish();
        } finally {
            // Before the caller deletes the file the child may still be reading.
            if (!loading.isDone()) {
                awaitQuietly(loading);
            }
        }
    }

    /** {@code in}, which throws the load check's refusal at its next read once there is one. */
    private static InputStream endingOnRefusal(InputStream in, FutureTask<Void> loading) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (loading.isDone()) {
                    awaitLoad(loading);
                }
                return super.read(buffer, offset, length);
            }
        };
    }

    /** Throws what the load check threw. */
    private static void awaitLoad(FutureTask<Void> loading) throws IOException {
        try {
            loading.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the load check failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsolationFailure("loading the model was interrupted: the server is stopping");
        }
    }

    private static void awaitQuietly(FutureTask<Void> loading) {
        try {
            loading.get();
        } catch (ExecutionException e) {
            // The store's failure is the one to report.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs every check {@link #accept} runs and stores nothing: the model's warnings, or a
     * {@link ModelRefusedException} listing its errors.
     */
    List<MetadataProblem> check(String model, ReceivedFile onnx, String fileName, String metadata,
            OracleRelease release) throws IOException {
        Path file = receive(model, onnx);
        try {
            List<MetadataProblem> problems = checkModel(file, fileName, metadata, Files.size(file), release);
            checkLoads(file, fileName);
            return problems;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The upload in a file of its own in the work folder, once the model is known to exist. */
    private Path receive(String model, ReceivedFile onnx) throws IOException {
        registry.models().get(model); // an unknown model is a 404 before anything is checked
        Files.createDirectories(workDir);
        Path file = workDir.resolve("upload-" + UUID.randomUUID() + ".onnx");
        try {
            onnx.moveTo(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /**
     * The model's problems, warnings included, found without native code (structure by streaming,
     * weights skipped, and metadata); throws for errors.
     */
    private List<MetadataProblem> checkModel(Path file, String fileName, String metadata, long size,
            OracleRelease release) {
        try {
            List<MetadataProblem> problems = new PrebuiltModel(file, metadata, extensions)
                    .check(new CheckContext(null, size, release));
            List<MetadataProblem> errors = problems.stream().filter(MetadataProblem::isError).toList();
            if (!errors.isEmpty()) {
                throw new ModelRefusedException("Oracle would refuse this model: " + errors.size() + " problem(s) in"
                        + " the model or its metadata", errors);
            }
            return problems;
        } catch (ModelStructureException e) {
            // Refused before ONNX Runtime saw it: a 422 naming the rule, like any model Oracle would refuse.
            throw new ModelRefusedException("the model breaks the ONNX rule '" + e.rule().id() + "' at "
                    + e.element() + ": " + e.problem(), List.of(new MetadataProblem(MetadataProblem.Severity.ERROR,
                    "ONNX:" + e.rule().id(), e.element(), e.problem(), e.fix())));
        } catch (ModelRefusedException e) {
            throw e; // names no file
        } catch (ModelDockException e) {
            throw namingUpload(e, file, fileName);
        }
    }

    /** Throws when ONNX Runtime, in a child process, cannot load the model; check it with {@link #checkModel} first. */
    private void checkLoads(Path file, String fileName) throws IOException {
        try {
            isolated.checkLoads(file);
        } catch (IsolationFailure e) {
            // Crashed, out of memory or out of time in ONNX Runtime: the model's doing, a 422 like the rest.
            throw new ModelRefusedException(e.getMessage(), List.of(new MetadataProblem(MetadataProblem.Severity.ERROR,
                    "ONNX:runtime", "model", e.getMessage(), "make the model load in ONNX Runtime (with"
                    + " onnxruntime-extensions) within the server's limits, or ask its administrator to raise them")));
        } catch (ModelDockException e) {
            throw namingUpload(e, file, fileName);
        }
    }

    /**
     * Messages name the received copy; the client knows the file by the name it sent, and the
     * server's folders are none of its business.
     */
    private static ModelDockException namingUpload(ModelDockException e, Path file, String fileName) {
        return new ModelDockException(e.getMessage().replace(file.toString(), "'" + fileName + "'"), e);
    }

    static Map<String, Object> problem(MetadataProblem p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
        view.put("code", p.code());
        view.put("field", p.field());
        view.put("message", p.message());
        view.put("fix", p.fix());
        return view;
    }
}
