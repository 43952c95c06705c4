/**
 * The REST API under {@code /api/v1} and its OpenAPI description: {@link dev.modeldock.server.api.RestApi}
 * lists every {@link dev.modeldock.server.api.Endpoint} and registers them. Handlers only translate:
 * path, query and JSON body into a service call, the result into a JSON view ({@code Views}), and
 * {@code ErrorResponses} maps the services' domain exceptions to 4xx answers with the same
 * {@code {"error", "detail"}} body. No handler touches the registry's storage or the engine; they may
 * read the registry's records (models, versions, jobs, ...) to shape answers.
 *
 * <p>{@code RestApi} and {@code Endpoint} are the server's API; everything else here is internal to
 * the HTTP layer (package-private).
 */
package dev.modeldock.server.api;
