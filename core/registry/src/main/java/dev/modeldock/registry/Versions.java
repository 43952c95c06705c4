package dev.modeldock.registry;

import dev.modeldock.registry.internal.Audit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Versions of a model: numbered 1, 2, 3… per model, never changed, never renumbered. */
public final class Versions {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    /** A model's versions as {@link Version}s, with the aliases that point at each, by name. */
    private static final String SELECT = "SELECT m.name AS model, v.number, v.artifact_sha256, a.size_bytes,"
            + " v.config_json, v.lineage_json, v.metadata_json, v.validation_json, v.files_json, v.created_by,"
            + " v.created_at,"
            + " (SELECT ARRAY_AGG(al.name ORDER BY al.name) FROM alias al"
            + " WHERE al.model_id = v.model_id AND al.version_id = v.id) AS aliases"
            + " FROM model_version v JOIN model m ON m.id = v.model_id JOIN artifact a ON a.sha256 = v.artifact_sha256"
            + " WHERE v.model_id = :model";

    private final Jdbi jdbi;

    Versions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Files a new version under the next number. Concurrent callers queue on the model's row, so
     * twenty of them get twenty consecutive numbers.
     *
     * @throws NotFoundException when the model or the artifact does not exist
     */
    public Version create(String model, NewVersion version, String actor) {
        return jdbi.inTransaction(h -> {
            Instant now = Instant.now();
            // The UPDATE locks the model's row until commit: that lock is what serialises numbering.
            int updated = h.createUpdate("UPDATE model SET last_version = last_version + 1, updated_at = :now"
                    + " WHERE name = :name").bind("now", now).bind("name", model).execute();
            if (updated == 0) {
                throw new NotFoundException("no model named '" + Names.printable(model) + "'");
            }
            long modelId = Models.idOf(h, model);
            int number = h.createQuery("SELECT last_version FROM model WHERE id = :id").bind("id", modelId)
                    .mapTo(Integer.class).one();
            if (h.createQuery("SELECT COUNT(*) FROM artifact WHERE sha256 = :sha").bind("sha",
                    version.artifactSha256()).mapTo(Integer.class).one() == 0) {
                throw new NotFoundException("no artifact with SHA-256 " + version.artifactSha256());
            }
            h.createUpdate("INSERT INTO model_version (model_id, number, artifact_sha256, config_json, lineage_json,"
                            + " metadata_json, validation_json, files_json, created_by, created_at)"
                            + " VALUES (:model, :number, :sha, :config, :lineage, :metadata, :validation, :files,"
                            + " :actor, :now)")
                    .bind("model", modelId).bind("number", number)
                    .bind("sha", version.artifactSha256()).bind("config", version.config())
                    .bind("lineage", version.lineage()).bind("metadata", version.metadata())
                    .bind("validation", version.validation()).bind("files", version.files())
                    .bind("actor", actor).bind("now", now).execute();
            Audit.record(h, actor, "version.create", model + "/" + number, version.artifactSha256());
            return get(h, model, String.valueOf(number));
        });
    }

    /** All versions of the model, oldest first. */
    public List<Version> list(String model) {
        return jdbi.withHandle(h -> {
            long modelId = Models.idOf(h, model);
            return read(h, modelId, "", Map.of());
        });
    }

    /**
     * One page of the model's versions, oldest first.
     *
     * @throws NotFoundException when the model does not exist
     */
    public Page<Version> list(String model, int offset, int limit) {
        Page.checkWindow(offset, limit);
        return jdbi.withHandle(h -> {
            long modelId = Models.idOf(h, model);
            long total = h.createQuery("SELECT COUNT(*) FROM model_version WHERE model_id = :model")
                    .bind("model", modelId).mapTo(Long.class).one();
            List<Version> page = h.createQuery(SELECT + " ORDER BY v.number LIMIT :limit OFFSET :offset")
                    .bind("model", modelId).bind("limit", limit).bind("offset", offset).mapTo(Version.class).list();
            return new Page<>(page, offset, limit, total);
        });
    }

    /**
     * The lowest-numbered version of the model before {@code before} whose artifact has the SHA-256
     * {@code sha256}: the version a new one repeats byte for byte; empty when none does.
     */
    public OptionalInt earliestWithArtifact(String model, String sha256, int before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT v.number FROM model_version v JOIN model m"
                        + " ON m.id = v.model_id WHERE m.name = :model AND v.artifact_sha256 = :sha"
                        + " AND v.number < :before ORDER BY v.number LIMIT 1")
                .bind("model", model).bind("sha", sha256).bind("before", before).mapTo(Integer.class).findOne())
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * A version by number ({@code "3"}) or by alias ({@code "production"}).
     *
     * @throws NotFoundException naming what is missing
     */
    public Version get(String model, String ref) {
        return jdbi.withHandle(h -> get(h, model, ref));
    }

    static Version get(Handle h, String model, String ref) {
        long modelId = Models.idOf(h, model);
        List<Version> found;
        if (ref != null && NUMBER.matcher(ref).matches()) {
            found = read(h, modelId, " AND v.number = :number", Map.of("number", Integer.parseInt(ref)));
            if (found.isEmpty()) {
                throw new NotFoundException("model '" + model + "' has no version " + ref);
            }
        } else {
            Names.alias(ref);
            found = read(h, modelId, " AND v.id = (SELECT version_id FROM alias WHERE model_id = :model"
                    + " AND name = :alias)", Map.of("alias", ref));
            if (found.isEmpty()) {
                throw new NotFoundException("model '" + model + "' has no alias '" + ref + "'");
            }
        }
        return found.get(0);
    }

    private static List<Version> read(Handle h, long modelId, String condition, Map<String, Object> params) {
        return h.createQuery(SELECT + condition + " ORDER BY v.number").bind("model", modelId).bindMap(params)
                .mapTo(Version.class).list();
    }

    /**
     * "model version N" of every stored version whose lineage names the plugin {@code pluginId} (as
     * "pluginId@version" among its plugins), oldest first.
     */
    public List<String> namingPlugin(String pluginId) {
        String quoted = "\"" + pluginId + "@";
        String pattern = "%" + quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbi.withHandle(h -> h.createQuery("SELECT m.name, v.number, v.lineage_json FROM model_version v"
                        + " JOIN model m ON m.id = v.model_id WHERE v.lineage_json LIKE :pattern ESCAPE '\\'"
                        + " ORDER BY m.name, v.number").bind("pattern", pattern)
                .map((rows, ctx) -> rows.getString("lineage_json").contains(quoted)
                        ? rows.getString("name") + " version " + rows.getInt("number") : null).list())
                .stream().filter(java.util.Objects::nonNull).toList();
    }
}
