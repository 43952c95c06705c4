/**
 * The registry server, the Javalin application: {@link dev.modeldock.server.RegistryServer} starts
 * the services ({@link dev.modeldock.service}) and serves them over HTTP, configured by
 * {@link dev.modeldock.server.RegistryServerConfig} in a lambda as Javalin is.
 *
 * <p>Subpackages, each depending only on the ones after it: {@link dev.modeldock.server.api} (the
 * REST API and its OpenAPI description), {@link dev.modeldock.server.auth} (who calls, and may
 * they), then the services; {@code ServerLayersTest} enforces the direction. The web UI is a module
 * of its own ({@code web/ui}), mounted beside the API as a {@link dev.modeldock.server.WebModule}
 * and calling the same services.
 *
 * <p>API: what the command line ({@code modeldock serve}) and tests start a server with.
 */
package dev.modeldock.server;
