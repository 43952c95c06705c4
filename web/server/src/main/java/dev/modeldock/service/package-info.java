/**
 * The application: what the HTTP API calls, and what a web UI will call, with no HTTP in it (no
 * Javalin, servlet or Jetty type; {@code ServerLayersTest} enforces it).
 *
 * <p>{@link dev.modeldock.service.Services} opens the registry and holds one service per subject:
 * {@link dev.modeldock.service.VersionService} (conversions as jobs, ONNX uploads checked by the
 * metadata checker and ONNX Runtime before they are stored, artifacts),
 * {@link dev.modeldock.service.DeploymentService} (deployments as jobs, drift checks), and the
 * models, aliases, jobs, targets, users, audit and catalog services, and
 * {@link dev.modeldock.service.PluginService} (the plugins every service uses: built-in, extra folders
 * and admin uploads, installed, disabled, enabled and removed while the server runs). They take plain inputs (names,
 * streams, files, the acting user's name) and return registry records or documents. Client
 * mistakes are domain exceptions, which the API maps to statuses:
 * {@link dev.modeldock.plugin.ModelDockException} (invalid input), the registry's
 * {@code NotFoundException} and {@code ConflictException},
 * {@link dev.modeldock.service.ModelRefusedException} (a model Oracle would refuse) and
 * {@link dev.modeldock.service.JobRunner.QueueFullException} (too many jobs waiting).
 * {@link dev.modeldock.service.Json} is the server's one JSON mapper. ONNX Runtime opens a model from
 * outside only in a child process ({@code dev.modeldock.service.isolation}), never in the server's.
 *
 * <p>API of the server module, for the server's HTTP layers and tools. The machinery behind the
 * services ({@code ConversionJob}, {@code HubSources} (sources found, and hub ids downloaded, for
 * conversions), {@code DeploymentJob}, {@code OnnxUpload}, {@code JobRunner}, {@code JobContext},
 * {@code AdminBootstrap}, lineage, scratch space) is package-private where it can
 * be; what is still public of it ({@code ConversionJob}, {@code JobContext}) is not for callers.
 */
package dev.modeldock.service;
