package dev.modeldock.conversion;

import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.provenance.Provenance;
import dev.modeldock.validation.ParityReport;

/**
 * What an export produced and how it was checked.
 *
 * @param parity   how the pipeline compared with the reference; null for a prebuilt model, which
 *                 has no reference to compare with
 * @param metadata the Oracle import metadata written with the model, as JSON
 * @param width    the embedding's number of dimensions; -1 for a prebuilt model
 */
public record ExportOutcome(ExportReceipt receipt, ParityReport parity, String metadata, Provenance provenance,
        int width) {
}
