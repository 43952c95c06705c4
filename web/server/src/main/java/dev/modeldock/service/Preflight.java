package dev.modeldock.service;

import java.util.List;

/**
 * What a deployment would meet, found before it is started: each check the registry and the target
 * can make without changing anything, in the order a person reads them.
 */
public record Preflight(List<Check> checks) {
    /** How one check came out. */
    public enum Outcome {
        PASSED, WARNING, FAILED;

        /** The outcome as pages and JSON spell it: {@code passed}, {@code warning}, {@code failed}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param name   what was checked, e.g. "Name at the target"
     * @param detail what was found, for a person to read
     */
    public record Check(String name, Outcome outcome, String detail) {
    }

    public Preflight {
        checks = List.copyOf(checks);
    }

    /** Whether nothing failed: the deployment may be started (warnings are for the person to weigh). */
    public boolean passed() {
        return checks.stream().noneMatch(check -> check.outcome() == Outcome.FAILED);
    }
}
