package dev.modeldock.plugin;

import java.io.IOException;
import org.pf4j.ExtensionPoint;

/**
 * Delivers a finished pipeline: to a folder, a database, a model store.
 *
 * <p>A target never leaves a half-written result behind: it either completes or reports why not and
 * leaves what was there before untouched.
 */
public interface ExportTarget extends ExtensionPoint {

    /** The name users select the target by, e.g. "file" or "oracle". */
    String name();

    /**
     * Checks an export name and settings before any work starts, so that a name the target cannot
     * take fails in a second rather than after a long conversion. Accepts everything by default.
     *
     * @throws ModelDockException naming what is wrong
     */
    default void check(String name, java.util.Map<String, String> settings) {
    }

    /**
     * The settings whose values are secrets (a password). A server stores them encrypted and never
     * shows them again. None by default.
     */
    default java.util.Set<String> secretSettings() {
        return java.util.Set.of();
    }

    /**
     * Reports what the target holds now under {@code expected.name()}, compared with
     * {@code expected.model()}, the artifact that was delivered there.
     *
     * @throws ModelDockException when this target cannot look (the default)
     * @throws IOException        when reading the target fails
     */
    default DeployedState inspect(ExportRequest expected) throws IOException {
        throw new ModelDockException("the '" + name() + "' target cannot report what it holds");
    }

    /**
     * Delivers the artifact.
     *
     * @throws ModelDockException for a problem the user can fix (a bad setting, a name not allowed)
     * @throws IOException        when reading the artifact or writing to the target fails
     */
    ExportReceipt export(ExportRequest request, Progress progress) throws IOException;
}
