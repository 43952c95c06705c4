package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.util.Arrays;
import java.util.Locale;

/** What a user may do; each role includes the ones before it. */
public enum Role {
    /** Reads the catalog. */
    VIEWER,
    /** Creates and changes models, versions and aliases. */
    EDITOR,
    /** Deploys versions to targets. */
    DEPLOYER,
    /** Manages targets and users. */
    ADMIN;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The role's name as the API spells it: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        return Arrays.stream(values()).filter(r -> r.id().equals(value)).findFirst()
                .orElseThrow(() -> new ModelDockException("unknown role '" + Names.printable(String.valueOf(value))
                        + "': use viewer, editor, deployer or admin"));
    }
}
