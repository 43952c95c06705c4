package dev.modeldock.service;

import java.util.Map;

/**
 * A conversion as the API receives it.
 *
 * @param source   a hub id found in the server's cache, or a folder on the server in hub layout
 * @param template a configuration template ({@code text}); null for a preconfigured model
 * @param config   configuration properties over the template or preconfigured defaults
 */
public record ConversionRequest(String source, String template, Map<String, Object> config) {
}
