/**
 * The web UI's pages, one class per page or flow, each registering its routes on
 * {@link dev.modeldock.ui.http.Pages} and reading and writing only through the services the REST API
 * calls. The view records a page hands its template are nested in the page's class.
 */
package dev.modeldock.ui.page;
