package dev.modeldock.service;

import java.util.Map;

/**
 * A conversion as the API receives it.
 *
 * @param source   a hub id ({@code org/name}), downloaded into the server's cache unless it is there, or
 *                 a folder on the server in hub layout
 * @param revision the hub revision (branch, tag or commit) of a hub id; null for {@code main}, and
 *                 for a folder
 * @param template a configuration template ({@code text}); null for a preconfigured model
 * @param config   configuration properties over the template or preconfigured defaults
 */
public record ConversionRequest(String source, String revision, String template, Map<String, Object> config) {
}
