package dev.modeldock.service;

import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.ModelQuery;
import dev.modeldock.registry.Models;
import dev.modeldock.registry.Page;
import java.util.List;

/** The catalog's models: listed, created, described and tagged, deleted. */
public final class ModelService {
    private final Models models;

    ModelService(Models models) {
        this.models = models;
    }

    /** A page of the models matching the query. */
    public Page<Model> list(ModelQuery query) {
        return models.list(query);
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
