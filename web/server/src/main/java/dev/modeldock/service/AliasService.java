package dev.modeldock.service;

import dev.modeldock.registry.AliasMove;
import dev.modeldock.registry.Aliases;
import dev.modeldock.registry.Version;
import java.util.List;

/** Movable names for a model's versions, and every move they made. */
public final class AliasService {
    private final Aliases aliases;

    AliasService(Aliases aliases) {
        this.aliases = aliases;
    }

    /** Every move of the model's aliases. */
    public List<AliasMove> history(String model) {
        return aliases.history(model);
    }

    /** Points {@code alias} at a version, by number or by another alias; returns that version. */
    public Version set(String model, String alias, String versionRef, String actor) {
        return aliases.set(model, alias, versionRef, actor);
    }

    public void remove(String model, String alias, String actor) {
        aliases.remove(model, alias, actor);
    }
}
