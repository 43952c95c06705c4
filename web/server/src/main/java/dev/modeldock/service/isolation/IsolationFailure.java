package dev.modeldock.service.isolation;

import dev.modeldock.plugin.ModelDockException;

/**
 * A child process that did not finish its task: it crashed, used more memory than allowed or took
 * longer than allowed, and was killed (or died). The message names the problem in one line, e.g.
 * "loading the model needed more than 1024 MB"; the server lives on.
 */
public final class IsolationFailure extends ModelDockException {
    private static final long serialVersionUID = 1L;

    public IsolationFailure(String message) {
        super(message);
    }
}
