package dev.modeldock.service;

import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.ModelQuery;
import dev.modeldock.registry.ModelSummaries;
import dev.modeldock.registry.ModelSummary;
import dev.modeldock.registry.Models;
import dev.modeldock.registry.Page;
import java.util.List;

/** The catalog's models: listed, created, described and tagged, deleted. */
public final class ModelService {
    private final Models models;
    private final ModelSummaries summaries;

    ModelService(Models models, ModelSummaries summaries) {
        this.models = models;
        this.summaries = summaries;
    }

    /** A page of the models matching the query. */
    public Page<Model> list(ModelQuery query) {
        return models.list(query);
    }

    /**
     * A page of the models matching the query, each with its version count, latest size and live
     * deployments: the catalog's page, in a fixed number of database statements whatever its size.
     */
    public Page<ModelSummary> summaries(ModelQuery query) {
        return summaries.page(query);
    }

    public Model create(String name, String description, List<String> tags, String actor) {
        Limits.check("description", description, Limits.DESCRIPTION);
        return models.create(name, description, tags, actor);
    }

    /** A model with its aliases and latest version. */
    public Model get(String name) {
        return models.get(name);
    }

    /** Changes what is given (not null): the description, or all tags; the rest stays. */
    public Model update(String name, String description, List<String> tags, String actor) {
        Limits.check("description", description, Limits.DESCRIPTION);
        return models.update(name, description, tags, actor);
    }

    /** Deletes a model and its versions; refused while one of them is deployed. */
    public void delete(String name, String actor) {
        models.delete(name, actor);
    }
}
