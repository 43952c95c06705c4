/**
 * Who calls and whether they may: {@link dev.modeldock.server.auth.Auth} reads the Bearer token
 * (through the users service) or a web UI session cookie ({@link dev.modeldock.server.auth.SessionCookie}),
 * {@link dev.modeldock.server.auth.Access} is what an endpoint or page requires,
 * {@link dev.modeldock.server.auth.Caller} who passed. Refusals are Javalin's 401/403 responses,
 * which the API and the web UI answer in their own way.
 *
 * <p>API of the HTTP layers ({@code server.api} and the web UI module); not for the services, which
 * take the acting user's name.
 */
package dev.modeldock.server.auth;
