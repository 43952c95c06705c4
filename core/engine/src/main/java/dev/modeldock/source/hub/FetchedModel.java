package dev.modeldock.source.hub;

import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.ChecksumMismatch;
import java.util.List;

/**
 * What a {@link ModelRepository} hands out: the model's files at one revision, and the checksum
 * mismatches that {@code ignore_checksum_error} let through (empty when every pinned file matched).
 *
 * @param folder            the snapshot folder, named by the hub id
 * @param ignoredMismatches warnings for the version's provenance
 */
public record FetchedModel(ModelFolder folder, List<ChecksumMismatch> ignoredMismatches) {
    public FetchedModel {
        ignoredMismatches = List.copyOf(ignoredMismatches);
    }
}
