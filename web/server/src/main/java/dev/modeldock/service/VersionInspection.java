package dev.modeldock.service;

import dev.modeldock.metadata.MetadataProblem;
import java.util.List;

/**
 * A version looked at again: its graph, and what Oracle's import would make of its stored metadata
 * with that graph, checked today by the same checker that uploads pass.
 *
 * @param findings      every problem and warning, in the checker's order; none means Oracle would
 *                      accept the model with its metadata
 * @param targetRelease the Oracle release it was checked for: the one recorded when it was filed, else 26
 *                      (what versions filed before releases were recorded were checked for)
 */
public record VersionInspection(GraphSummary graph, List<MetadataProblem> findings, int targetRelease) {

    public VersionInspection {
        findings = List.copyOf(findings);
    }

    /** Whether Oracle would import it: no finding is an error (warnings may remain). */
    public boolean accepted() {
        return findings.stream().noneMatch(MetadataProblem::isError);
    }
}
