/**
 * The new-version page ({@code /models/{name}/new}): a conversion form rendered from the templates,
 * the preconfigured models and the post-processors' declared parameters, checked as the user types
 * with the API's own checks; and an ONNX upload whose findings are shown before anything is stored.
 */
package dev.modeldock.ui.page.newversion;
