package dev.modeldock.plugin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Delivers a finished pipeline: to a folder, a database, a model store.
 *
 * <p>A target never leaves a half-written result behind: it either completes or reports why not and
 * leaves what was there before untouched.
 *
 * <p>It receives an {@link ExportRequest}: the name to export under, the finished ONNX file (read
 * only), its SHA-256, Oracle's import metadata as JSON and the settings, those declared in
 * {@link #settings()} plus {@code replace}. It returns an {@link ExportReceipt} saying where the bytes
 * went and their SHA-256 and size, which must be those of the file delivered.
 *
 * @since 1.0.0
 */
public interface ExportTarget extends ExtensionPoint {

    /** The name users select the target by, e.g. "file" or "oracle". */
    String name();

    /**
     * The settings this target takes, each with its type, whether it is required or secret, a
     * description and its default. A registry server refuses a target profile that gives a setting not
     * declared here, leaves out a required one or gives a value of the wrong type; it stores secret
     * ones sealed and never shows them again; it lists the declaration so that a form can be made from
     * it. Besides these, an export may receive {@code replace} ({@code "true"} or {@code "false"}),
     * which the host sets per export (a registry deployment always does) and which is not declared.
     * None by default.
     */
    default List<Setting> settings() {
        return List.of();
    }

    /**
     * Whether an export must be given a name (a registry deployment's {@code databaseModelName}).
     * A target that can do without one, such as a folder, says false, and is then given the model's
     * own name. True by default.
     */
    default boolean needsName() {
        return true;
    }

    /**
     * Checks an export name and settings before any work starts, so that a name the target cannot
     * take fails in a second rather than after a long conversion. Accepts everything by default.
     *
     * @throws ModelDockException naming what is wrong
     */
    default void check(String name, Map<String, String> settings) {
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
