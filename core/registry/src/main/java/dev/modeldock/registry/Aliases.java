package dev.modeldock.registry;

import dev.modeldock.registry.internal.Audit;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Movable names for versions ({@code production}, {@code candidate}); every move is recorded. */
public final class Aliases {
    private final Jdbi jdbi;

    Aliases(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Points {@code alias} at the version {@code versionRef} (a number or another alias). */
    public Version set(String model, String alias, String versionRef, String actor) {
        Names.alias(alias);
        return jdbi.inTransaction(h -> {
            long modelId = lockModel(h, model);
            Version target = Versions.get(h, model, versionRef);
            Integer from = current(h, modelId, alias);
            long versionId = h.createQuery("SELECT id FROM model_version WHERE model_id = :m AND number = :n")
                    .bind("m", modelId).bind("n", target.number()).mapTo(Long.class).one();
            Instant now = Instant.now();
            if (from == null) {
                h.createUpdate("INSERT INTO alias (model_id, name, version_id, updated_at) VALUES (:m, :a, :v, :now)")
                        .bind("m", modelId).bind("a", alias).bind("v", versionId).bind("now", now).execute();
            } else {
                h.createUpdate("UPDATE alias SET version_id = :v, updated_at = :now WHERE model_id = :m AND name = :a")
                        .bind("m", modelId).bind("a", alias).bind("v", versionId).bind("now", now).execute();
            }
            recordMove(h, modelId, alias, from, target.number(), actor, now);
            Audit.record(h, actor, "alias.set", model + "@" + alias, from + " -> " + target.number());
            return Versions.get(h, model, String.valueOf(target.number()));
        });
    }

    /** Removes the alias; the versions stay. */
    public void remove(String model, String alias, String actor) {
        Names.alias(alias);
        jdbi.useTransaction(h -> {
            long modelId = lockModel(h, model);
            Integer from = current(h, modelId, alias);
            if (from == null) {
                throw new NotFoundException("model '" + model + "' has no alias '" + alias + "'");
            }
            h.createUpdate("DELETE FROM alias WHERE model_id = :m AND name = :a").bind("m", modelId).bind("a", alias)
                    .execute();
            recordMove(h, modelId, alias, from, null, actor, Instant.now());
            Audit.record(h, actor, "alias.remove", model + "@" + alias, String.valueOf(from));
        });
    }

    /** Every move of every alias of the model, oldest first. */
    public List<AliasMove> history(String model) {
        return jdbi.withHandle(h -> h.createQuery("SELECT alias, from_number, to_number, moved_by, moved_at"
                        + " FROM alias_move WHERE model_id = :m ORDER BY id").bind("m", Models.idOf(h, model))
                .mapTo(AliasMove.class).list());
    }

    /** Locks the model's row so two moves of one alias cannot record the same "from". */
    private static long lockModel(Handle h, String model) {
        long id = Models.idOf(h, model);
        h.createUpdate("UPDATE model SET updated_at = :now WHERE id = :id").bind("now", Instant.now()).bind("id", id)
                .execute();
        return id;
    }

    private static Integer current(Handle h, long modelId, String alias) {
        return h.createQuery("SELECT v.number FROM alias a JOIN model_version v ON v.id = a.version_id"
                        + " WHERE a.model_id = :m AND a.name = :a").bind("m", modelId).bind("a", alias)
                .mapTo(Integer.class).findOne().orElse(null);
    }

    private static void recordMove(Handle h, long modelId, String alias, Integer from, Integer to, String actor,
            Instant at) {
        h.createUpdate("INSERT INTO alias_move (model_id, alias, from_number, to_number, moved_by, moved_at)"
                        + " VALUES (:m, :a, :from, :to, :by, :at)").bind("m", modelId).bind("a", alias)
                .bind("from", from).bind("to", to).bind("by", actor).bind("at", at).execute();
    }
}
