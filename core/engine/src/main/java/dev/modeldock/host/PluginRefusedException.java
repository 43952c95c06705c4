package dev.modeldock.host;

import dev.modeldock.plugin.ModelDockException;

/**
 * A plugin, or its zip, that the host will not load, with one line naming it and saying what to do.
 * {@link #tooLarge()} tells a zip over a size limit (a server answers 413) from a plugin that is
 * wrong in itself (422).
 */
public final class PluginRefusedException extends ModelDockException {
    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    public PluginRefusedException(String message) {
        this(message, false);
    }

    private PluginRefusedException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** A zip over one of the {@link ZipLimits}: it was refused before anything was written. */
    public static PluginRefusedException tooLarge(String message) {
        return new PluginRefusedException(message, true);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
