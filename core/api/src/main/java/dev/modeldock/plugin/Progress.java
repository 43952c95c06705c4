package dev.modeldock.plugin;

/**
 * Receives progress of a long step, for a terminal or a web page to show.
 *
 * @since 1.0.0
 */
@FunctionalInterface
public interface Progress {

    /** A listener that shows nothing. */
    Progress NONE = (stage, fraction) -> { };

    /**
     * @param stage    what is happening, short and human, e.g. "writing model.onnx"
     * @param fraction how much of the whole is done, from 0 to 1
     */
    void report(String stage, double fraction);
}
