/**
 * The application's services: conversions and deployments run as jobs, and the job runner. No HTTP
 * here; the API calls these.
 *
 * <p>API of the server module: what the HTTP API and a web UI call.
 */
package dev.modeldock.service;
