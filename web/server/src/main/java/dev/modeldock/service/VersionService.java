package dev.modeldock.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Page;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.Version;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A model's versions: made by converting a transformer (a background job) or by taking in an ONNX
 * model built elsewhere, read back with their artifacts.
 */
public final class VersionService {
    /**
     * A version made from an upload.
     *
     * @param identicalTo the earliest earlier version of the same model whose artifact has the same
     *                    bytes (SHA-256), if any; the upload is a version of its own all the same, as
     *                    versions record uploads, and its metadata may differ
     */
    public record Uploaded(Version version, OptionalInt identicalTo) {
    }

    /** The kind of the jobs that convert. */
    static final String CONVERSION = "conversion";

    private final Registry registry;
    private final JobRunner runner;
    private final ConversionJob conversion;
    private final OnnxUpload upload;
    private final VersionInspector inspector;

    VersionService(Registry registry, JobRunner runner, ConversionJob conversion, OnnxUpload upload) {
        this.registry = registry;
        this.runner = runner;
        this.conversion = conversion;
        this.upload = upload;
        this.inspector = new VersionInspector(registry);
        runner.register(CONVERSION, this::runConversion);
    }

    /** The model's versions, oldest first. */
    public List<Version> list(String model) {
        return registry.versions().list(model);
    }

    /** One page of the model's versions, oldest first. */
    public Page<Version> list(String model, int offset, int limit) {
        return registry.versions().list(model, offset, limit);
    }

    /** A version by number or alias. */
    public Version get(String model, String ref) {
        return registry.versions().get(model, ref);
    }

    /**
     * Checks the conversion (model, source, configuration) and queues it; returns the job as queued.
     * A bad request is refused here rather than becoming a failed job; the job's result is the new
     * version as a {@link VersionDocument}. A hub id the server's cache lacks is downloaded by the
     * job, not here.
     *
     * @throws JobRunner.QueueFullException when too many jobs wait
     */
    public Job convert(String model, ConversionRequest request, String actor) {
        prepare(model, request);
        return runner.submit(CONVERSION, model, Map.of("model", model, "conversion", request), actor);
    }

    /**
     * Runs a conversion job {@link #convert} queued, on whichever server claimed it: the request is
     * checked again, since the plugins or sources this server has may differ from the one that took it.
     */
    private Object runConversion(Job job, JobContext context) throws IOException {
        JsonNode request = Json.tree(job.request());
        String model = request.path("model").asText();
        ConversionRequest conversionRequest = Json.MAPPER.treeToValue(request.path("conversion"),
                ConversionRequest.class);
        return VersionDocument.of(conversion.run(model, prepare(model, conversionRequest), job.createdBy(), context));
    }

    /**
     * The checks {@link #convert} runs before it queues a job, without queueing one: for forms that
     * check as the user types, with the API's messages.
     *
     * @throws dev.modeldock.plugin.ModelDockException naming what is wrong
     */
    public void check(String model, ConversionRequest request) {
        prepare(model, request);
    }

    private ConversionJob.Prepared prepare(String model, ConversionRequest request) {
        Limits.check("source", request.source(), Limits.SOURCE);
        Limits.check("revision", request.revision(), Limits.REVISION);
        Limits.check("template", request.template(), Limits.TEMPLATE);
        if (request.config() != null) {
            Limits.check("config", Json.write(request.config()), Limits.CONFIG);
        }
        registry.models().get(model);
        return conversion.prepare(request);
    }

    /**
     * Takes in an ONNX model built elsewhere, with its import metadata: checked as Oracle will check
     * it and loaded once in ONNX Runtime before the artifact is stored and the version recorded. A
     * model that fails leaves the registry as it was. An upload of bytes an earlier version of the
     * model already holds is still a new version, and says which version it repeats.
     *
     * @param fileName      the name the client gave the file, kept in the lineage only
     * @param metadata      the import metadata (JSON), as Oracle's DBMS_VECTOR takes it
     * @param targetRelease the Oracle release the model is meant for, which bounds its size: 23 or 26
     *                      ({@link ConversionRequest#releases()}); null for 23
     * @throws ModelRefusedException when Oracle would refuse the model or its metadata
     */
    public Uploaded upload(String model, ReceivedFile onnx, String fileName, String metadata, Integer targetRelease,
            String actor) throws IOException {
        Limits.check("metadata", metadata, Limits.METADATA);
        Limits.check("file name", fileName, Limits.FILE_NAME);
        Version version = upload.accept(model, onnx, fileName, metadata, release(targetRelease), actor);
        return new Uploaded(version, registry.versions().earliestWithArtifact(model, version.artifactSha256(),
                version.number()));
    }

    /**
     * The version's graph, read from its artifact (weights skipped, in this process, without ONNX
     * Runtime; kept for the artifacts seen last), and the metadata checker's findings on its stored
     * metadata with that graph, for the release it was taken in for.
     */
    public VersionInspection inspect(Version version) {
        return inspector.inspect(version);
    }

    /**
     * Every check {@link #upload} runs, without storing anything: the problems Oracle would only warn
     * about, for a person to see before they store the model.
     *
     * @throws ModelRefusedException when Oracle would refuse the model or its metadata, as {@link #upload}
     */
    public List<MetadataProblem> checkUpload(String model, ReceivedFile onnx, String fileName, String metadata,
            Integer targetRelease) throws IOException {
        Limits.check("metadata", metadata, Limits.METADATA);
        Limits.check("file name", fileName, Limits.FILE_NAME);
        return upload.check(model, onnx, fileName, metadata, release(targetRelease));
    }

    private static OracleRelease release(Integer targetRelease) {
        return targetRelease == null ? OracleRelease.DEFAULT : OracleRelease.of(targetRelease);
    }

    /** The version's artifact, each chunk verified as it is read. */
    public InputStream openArtifact(Version version) {
        return registry.artifacts().open(version.artifactSha256());
    }

    /** {@code length} bytes of the version's artifact from {@code offset}. */
    public InputStream openArtifact(Version version, long offset, long length) {
        return registry.artifacts().open(version.artifactSha256(), offset, length);
    }
}
