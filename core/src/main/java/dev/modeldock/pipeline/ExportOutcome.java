package dev.modeldock.pipeline;

import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.provenance.Provenance;
import dev.modeldock.validation.ParityReport;

/**
 * What an export produced and how it was checked.
 *
 * @param metadata the Oracle import metadata written with the model, as JSON
 * @param width    the embedding's number of dimensions
 */
public record ExportOutcome(ExportReceipt receipt, ParityReport parity, String metadata, Provenance provenance,
        int width) {
}
