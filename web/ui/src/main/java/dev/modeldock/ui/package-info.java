/**
 * The web UI: server-rendered pages served by the registry server beside its REST API
 * ({@link dev.modeldock.ui.WebUi}, a {@link dev.modeldock.server.WebModule}). Templates are jte
 * (src/main/jte), compiled at build time; htmx, its SSE extension and Chart.js come from WebJars.
 */
package dev.modeldock.ui;
