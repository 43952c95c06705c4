package dev.modeldock.plugin;

/**
 * A problem the user can fix: a bad configuration, a missing or malformed model file, a name that is
 * not allowed. The message names what is wrong and, where it can, what to do about it; it is shown to
 * the user as it is, on one line.
 *
 * @since 1.0.0
 */
public class ModelDockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelDockException(String message) {
        super(message);
    }

    public ModelDockException(String message, Throwable cause) {
        super(message, cause);
    }
}
