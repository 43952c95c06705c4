/**
 * A client of the registry server's REST API, for tests, scripts and benchmarks:
 * {@link dev.modeldock.testkit.api.ApiClient} (one caller; JSON, multipart uploads streamed from disk,
 * downloads, job polling and Server-Sent Events), its answers ({@link dev.modeldock.testkit.api.ApiResponse},
 * with the assertions tests make of them) and {@link dev.modeldock.testkit.api.MultipartBody}.
 */
package dev.modeldock.testkit.api;
