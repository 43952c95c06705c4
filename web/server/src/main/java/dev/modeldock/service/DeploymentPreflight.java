package dev.modeldock.service;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.DeployedState;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.TargetProfile;
import dev.modeldock.registry.Version;
import dev.modeldock.service.Preflight.Check;
import dev.modeldock.service.Preflight.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a deployment before it is started, changing nothing: the version, the target profile, the
 * name as the target checks it ({@link ExportTarget#check}), and what the target holds under that
 * name now ({@link ExportTarget#inspect}), which for a database also proves the connection works.
 */
final class DeploymentPreflight {
    private final Registry registry;
    private final DeploymentJob deployment;
    private final Path workDir;

    DeploymentPreflight(Registry registry, DeploymentJob deployment, Path workDir) {
        this.registry = registry;
        this.deployment = deployment;
        this.workDir = workDir;
    }

    /** Why the target would refuse {@code name}, or empty when it takes it (or may use the model's name). */
    Optional<String> nameProblem(String model, String target, String name) {
        try {
            Limits.check("databaseModelName", name, Limits.DATABASE_MODEL_NAME);
            TargetProfile profile = registry.targets().get(target);
            ExportTarget export = deployment.target(profile);
            String effective = DeploymentJob.exportName(new DeploymentRequest(model, null, null, target, name, null, null),
                    export);
            if (effective == null || effective.isBlank()) {
                return Optional.of("the '" + profile.plugin() + "' target needs the name the model gets there");
            }
            export.check(effective, deployment.settings(profile, false));
            return Optional.empty();
        } catch (ModelDockException e) {
            return Optional.of(e.getMessage());
        }
    }

    Preflight run(DeploymentRequest request) throws IOException {
        List<Check> checks = new ArrayList<>();
        Version version = null;
        String ref = request.version() != null ? String.valueOf(request.version()) : request.alias();
        try {
            if (ref == null || ref.isBlank()) {
                throw new ModelDockException("choose a version or an alias");
            }
            version = registry.versions().get(request.model(), ref);
            checks.add(new Check("Version", Outcome.PASSED, "version " + version.number() + ", " + version.sizeBytes()
                    + " bytes, SHA-256 " + version.artifactSha256()));
        } catch (ModelDockException e) {
            checks.add(new Check("Version", Outcome.FAILED, e.getMessage()));
        }
        if (version != null) {
            checks.add(size(version, request));
        }
        TargetProfile profile;
        ExportTarget target;
        try {
            profile = registry.targets().get(request.target());
            target = deployment.target(profile);
            checks.add(new Check("Target profile", Outcome.PASSED, "'" + profile.name() + "' delivers through the '"
                    + target.name() + "' export target"));
        } catch (ModelDockException e) {
            checks.add(new Check("Target profile", Outcome.FAILED, e.getMessage()));
            return new Preflight(checks);
        }
        Optional<String> problem = nameProblem(request.model(), request.target(), request.databaseModelName());
        String name = DeploymentJob.exportName(request, target);
        checks.add(problem.map(why -> new Check("Name at the target", Outcome.FAILED, why))
                .orElseGet(() -> new Check("Name at the target", Outcome.PASSED, "'" + name + "' is a name the '"
                        + target.name() + "' target takes")));
        if (version != null && problem.isEmpty()) {
            checks.add(holds(version, profile, target, name, Boolean.TRUE.equals(request.replace())));
        }
        return new Preflight(checks);
    }

    /** Whether the version fits the file size limit of the release it is deployed for. */
    private static Check size(Version version, DeploymentRequest request) {
        String label = "Size for the Oracle release";
        try {
            OracleRelease release = request.release(version);
            return DeploymentJob.sizeProblem(version, release).map(why -> new Check(label, Outcome.FAILED, why))
                    .orElseGet(() -> new Check(label, Outcome.PASSED, OnnxModels.describeSize(
                            VersionFiles.modelBytes(version))
                            + " is within the " + release.maxFileSize() + " " + release.displayName() + " imports"));
        } catch (ModelDockException e) {
            return new Check(label, Outcome.FAILED, e.getMessage());
        }
    }

    /** What the target holds under the name now, and whether the deployment may go there. */
    private Check holds(Version version, TargetProfile profile, ExportTarget target, String name, boolean replace)
            throws IOException {
        String label = "What the target holds";
        if (!inspects(target)) {
            return new Check(label, Outcome.WARNING, "the '" + target.name() + "' target cannot report what it holds;"
                    + " it is checked when the deployment runs");
        }
        Path scratch = Files.createDirectories(workDir.resolve("preflight-" + System.nanoTime()));
        try {
            Path file = scratch.resolve(version.artifactSha256() + VersionFiles.extension(version));
            registry.artifacts().copyTo(version.artifactSha256(), file);
            DeployedState state = target.inspect(new ExportRequest(name, file, version.artifactSha256(),
                    version.metadata(), deployment.settings(profile, replace), VersionFiles.layout(version)));
            if (!state.present()) {
                return new Check(label, Outcome.PASSED, "nothing under that name yet (" + state.detail() + ")");
            }
            String what = state.matches() ? "this very artifact" : "another model";
            return replace ? new Check(label, Outcome.WARNING, "it holds " + what + " under that name, which the"
                    + " deployment will replace (" + state.detail() + ")")
                    : new Check(label, Outcome.FAILED, "it already holds " + what + " under that name (" + state.detail()
                    + "); choose another name or deploy with replace");
        } catch (ModelDockException e) {
            return new Check(label, Outcome.FAILED, e.getMessage());
        } finally {
            ScratchSpace.delete(scratch);
        }
    }

    /** Whether the target overrides {@link ExportTarget#inspect}, whose default only says it cannot look. */
    private static boolean inspects(ExportTarget target) {
        try {
            return target.getClass().getMethod("inspect", ExportRequest.class).getDeclaringClass()
                    != ExportTarget.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
