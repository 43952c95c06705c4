/**
 * The registry server, the Javalin application: {@link dev.modeldock.server.RegistryServer} starts
 * the services ({@link dev.modeldock.service}) and serves them over HTTP, configured by
 * {@link dev.modeldock.server.RegistryServerConfig} in a lambda as Javalin is.
 *
 * <p>Subpackages, each depending only on the ones after it: {@link dev.modeldock.server.api} (the
 * REST API and its OpenAPI description), {@link dev.modeldock.server.auth} (who calls, and may
 * they), then the services. A web UI will be {@code server.ui}, beside the API and calling the same
 * services; {@code ServerLayersTest} enforces the direction.
 *
 * <p>API: what the command line ({@code modeldock serve}) and tests start a server with.
 */
package dev.modeldock.server;
