package dev.modeldock.service;

import dev.modeldock.plugin.ModelDockException;

/**
 * A plugin the server will not install or start, with one line naming it and saying what to do;
 * {@link #tooLarge()} for an upload over a size limit (413), otherwise the plugin itself is wrong
 * (422). The running plugins are as they were. The host's refusal as the services state it: the HTTP
 * layers and the web UI never use the engine (ServerLayersTest), so they catch this one.
 */
public final class PluginRefusedException extends ModelDockException {
    private static final long serialVersionUID = 1L;

    private final boolean tooLarge;

    PluginRefusedException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    /** The host's refusal, as the server's. */
    static PluginRefusedException of(dev.modeldock.host.PluginRefusedException refused) {
        return new PluginRefusedException(refused.getMessage(), refused.tooLarge());
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
