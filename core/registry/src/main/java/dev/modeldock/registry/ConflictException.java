package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;

/** The request clashes with what is stored: a name taken, a model still deployed. */
public final class ConflictException extends ModelDockException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
