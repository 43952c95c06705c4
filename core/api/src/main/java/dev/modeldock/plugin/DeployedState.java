package dev.modeldock.plugin;

/**
 * What a target holds now under an export name, compared with the artifact that was sent there:
 * how drift (a model replaced, altered or dropped behind the registry's back) is found.
 *
 * @param present whether the target holds anything under that name
 * @param matches whether what it holds is the artifact (false when absent)
 * @param detail  what was compared and found, for a person to read
 *
 * @since 1.0.0
 */
public record DeployedState(boolean present, boolean matches, String detail) {

    public static DeployedState absent(String detail) {
        return new DeployedState(false, false, detail);
    }

    public static DeployedState same(String detail) {
        return new DeployedState(true, true, detail);
    }

    public static DeployedState differs(String detail) {
        return new DeployedState(true, false, detail);
    }
}
