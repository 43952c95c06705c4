package dev.modeldock.service;

import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.DeployedState;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.TargetProfile;
import dev.modeldock.registry.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a stored version to a target profile, and later checks that the target still holds it.
 * The artifact is read back from the registry and its SHA-256 verified before it leaves.
 */
final class DeploymentJob {
    private final Registry registry;
    private final Extensions extensions;
    private final TargetSettings targetSettings;
    private final Path workDir;

    DeploymentJob(Registry registry, Extensions extensions, TargetSettings targetSettings, Path workDir) {
        this.registry = registry;
        this.extensions = extensions;
        this.targetSettings = targetSettings;
        this.workDir = workDir;
    }

    /**
     * Checks the request (version, target, name) and records the deployment as queued. A target that
     * needs no name of its own ({@link ExportTarget#needsName()}) gets the model's when none is given.
     */
    public Deployment prepare(DeploymentRequest request, String actor) {
        require(request.model(), "model");
        require(request.target(), "target");
        if ((request.version() == null) == (request.alias() == null)) {
            throw new ModelDockException("give exactly one of 'version' (a number) or 'alias'");
        }
        String ref = request.version() != null ? String.valueOf(request.version()) : request.alias();
        Version version = registry.versions().get(request.model(), ref);
        sizeProblem(version, request.release(version)).ifPresent(why -> {
            throw new ModelDockException(why);
        });
        TargetProfile profile = registry.targets().get(request.target());
        ExportTarget target = target(profile);
        String name = exportName(request, target);
        if (name == null || name.isBlank()) {
            throw new ModelDockException("'databaseModelName' is missing: the '" + profile.plugin() + "' target of"
                    + " profile '" + profile.name() + "' needs the name the model gets there");
        }
        target.check(name, settings(profile, Boolean.TRUE.equals(request.replace())));
        return registry.deployments().create(request.model(), ref, request.target(), name, actor);
    }

    /** Why {@code version} is too large for {@code release}, naming what would do; empty when it fits. */
    static Optional<String> sizeProblem(Version version, OracleRelease release) {
        if (VersionFiles.layout(version) == Layout.EXTERNAL_DATA_PACKAGE && !release.loadsExternalData()) {
            return Optional.of("version " + version.number() + " of " + version.model() + " keeps its weights in"
                    + " external data, which " + release.displayName() + " does not load; deploy it to a 26ai"
                    + " database with \"targetRelease\": 26, or convert a version without use_external_data");
        }
        long bytes = VersionFiles.modelBytes(version);
        if (bytes <= release.maxFileBytes()) {
            return Optional.empty();
        }
        return Optional.of("version " + version.number() + " of " + version.model() + " is "
                + OnnxModels.describeSize(bytes) + ", over the " + release.maxFileBytes() + " bytes ("
                + release.maxFileSize() + ") " + release.displayName() + " imports; deploy a quantized version"
                + " (convert with quantize_model)" + (release == OracleRelease.DB_23AI
                        && bytes <= OracleRelease.DB_26AI.maxFileBytes()
                        ? ", or deploy to a 26ai database with \"targetRelease\": 26" : ""));
    }

    /** The name the model gets at the target: the one given, or the model's where the target needs none. */
    static String exportName(DeploymentRequest request, ExportTarget target) {
        String name = request.databaseModelName();
        return !target.needsName() && (name == null || name.isBlank()) ? request.model() : name;
    }

    /** Delivers the deployment's artifact; returns what the target reported. */
    public Map<String, Object> run(long deploymentId, boolean replace, JobContext context) throws IOException {
        Deployment deployment = registry.deployments().get(deploymentId);
        registry.deployments().running(deploymentId);
        // The artifact is copied into the scratch folder, so the folder itself must exist, not just its parent.
        Path scratch = Files.createDirectories(workDir.resolve("deployment-" + context.jobId()));
        try {
            ExportRequest request = request(deployment, replace, scratch, context);
            TargetProfile profile = registry.targets().get(deployment.target());
            ExportReceipt receipt = target(profile).export(request, (stage, f) -> context.report(stage, 0.3 + 0.7 * f));
            registry.deployments().deployed(deploymentId, receipt.location());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("deployment", deploymentId);
            result.put("location", receipt.location());
            result.put("sha256", receipt.sha256());
            result.put("bytes", receipt.bytes());
            return result;
        } catch (IOException | RuntimeException e) {
            registry.deployments().failed(deploymentId, e.getMessage());
            throw e;
        } finally {
            ScratchSpace.delete(scratch);
        }
    }

    /**
     * Compares what the target holds now with the registry's artifact, and records the outcome: a
     * live deployment found drifted is marked {@code drifted}, one found intact {@code deployed}.
     */
    public Deployment checkDrift(long deploymentId, String actor) throws IOException {
        Deployment deployment = registry.deployments().get(deploymentId);
        Path scratch = Files.createDirectories(workDir.resolve("check-" + deploymentId + "-" + System.nanoTime()));
        try {
            ExportRequest expected = request(deployment, false, scratch, null);
            DeployedState state = target(registry.targets().get(deployment.target())).inspect(expected);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as precise as every database keeps it
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("checkedAt", at.toString());
            check.put("present", state.present());
            check.put("matches", state.matches());
            check.put("drift", !state.matches());
            check.put("detail", state.detail());
            return registry.deployments().checked(deploymentId, Json.write(check), !state.matches(), at, actor);
        } finally {
            ScratchSpace.delete(scratch);
        }
    }

    /** The artifact copied out of the registry (hash verified), with the version's metadata. */
    private ExportRequest request(Deployment deployment, boolean replace, Path scratch, JobContext context)
            throws IOException {
        if (context != null) {
            context.report("reading the artifact from the registry and verifying its SHA-256", 0.05);
        }
        Version version = registry.versions().get(deployment.model(), String.valueOf(deployment.version()));
        Path file = scratch.resolve(deployment.artifactSha256() + VersionFiles.extension(version));
        registry.artifacts().copyTo(deployment.artifactSha256(), file);
        VersionFiles.verify(version, file);
        return new ExportRequest(deployment.databaseModelName(), file, deployment.artifactSha256(), version.metadata(),
                settings(registry.targets().get(deployment.target()), replace), VersionFiles.layout(version));
    }

    ExportTarget target(TargetProfile profile) {
        return extensions.exportTarget(profile.plugin());
    }

    /**
     * The profile's settings with its secrets decrypted and its paths resolved in the folder for
     * target files, plus {@code replace}: for the target's eyes only.
     */
    Map<String, String> settings(TargetProfile profile, boolean replace) {
        Map<String, String> settings = targetSettings.forExport(target(profile),
                registry.targets().settingsForExport(profile.name()));
        settings.put("replace", String.valueOf(replace));
        return settings;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ModelDockException("'" + field + "' is missing");
        }
    }
}
