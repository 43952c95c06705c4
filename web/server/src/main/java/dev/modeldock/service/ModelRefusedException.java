package dev.modeldock.service;

import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.plugin.ModelDockException;
import java.util.List;
import java.util.Map;

/**
 * A model refused because Oracle would refuse it: the metadata checker found errors in the model or
 * its import metadata. A client mistake; over HTTP, a 422 whose detail lists the problems.
 */
public final class ModelRefusedException extends ModelDockException {
    private static final long serialVersionUID = 1L;

    private final transient List<MetadataProblem> problems;

    public ModelRefusedException(String message, List<MetadataProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The errors found, each with its ORA code, field, message and fix. */
    public List<MetadataProblem> problems() {
        return problems;
    }

    /** The problems as JSON-ready documents, as a version's validation report lists its warnings. */
    public List<Map<String, Object>> problemDocuments() {
        return problems.stream().map(OnnxUpload::problem).toList();
    }
}
