/**
 * What every page stands on: routes behind roles and CSRF checks ({@link dev.modeldock.ui.http.Pages}),
 * who looks ({@link dev.modeldock.ui.http.Viewer}), the layout's data
 * ({@link dev.modeldock.ui.http.Chrome}), the compiled templates and the security headers.
 */
package dev.modeldock.ui.http;
