package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;

/** What was asked for does not exist: a model, a version, an alias, a job, a target. */
public final class NotFoundException extends ModelDockException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
