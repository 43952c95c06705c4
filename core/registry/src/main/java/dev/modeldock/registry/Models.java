package dev.modeldock.registry;

import dev.modeldock.registry.internal.Audit;
import dev.modeldock.registry.internal.SqlStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementException;

/** The catalog's models: create, find, list, change, delete. */
public final class Models {
    private final Jdbi jdbi;

    Models(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @throws ConflictException when the name is taken */
    public Model create(String name, String description, List<String> tags, String actor) {
        Names.model(name);
        Set<String> tagSet = checkedTags(tags);
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM model WHERE name = :name").bind("name", name)
                    .mapTo(Integer.class).one() > 0) {
                throw new ConflictException("model '" + name + "' already exists");
            }
            Instant now = Instant.now();
            long id;
            try {
                id = h.createUpdate("INSERT INTO model (name, description, last_version, created_at, updated_at)"
                                + " VALUES (:name, :description, 0, :now, :now)")
                        .bind("name", name).bind("description", description == null ? "" : description)
                        .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            } catch (StatementException e) {
                if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) { // another client created it between our check and insert
                    throw new ConflictException("model '" + name + "' already exists");
                }
                throw e;
            }
            writeTags(h, id, tagSet);
            Audit.record(h, actor, "model.create", name, null);
            return get(h, name);
        });
    }

    public Model get(String name) {
        return jdbi.withHandle(h -> get(h, name));
    }

    /** Changes description and/or tags; a null argument leaves that part as it is. */
    public Model update(String name, String description, List<String> tags, String actor) {
        Set<String> tagSet = tags == null ? null : checkedTags(tags);
        return jdbi.inTransaction(h -> {
            long id = idOf(h, name);
            if (description != null) {
                h.createUpdate("UPDATE model SET description = :d WHERE id = :id").bind("d", description)
                        .bind("id", id).execute();
            }
            if (tagSet != null) {
                h.createUpdate("DELETE FROM model_tag WHERE model_id = :id").bind("id", id).execute();
                writeTags(h, id, tagSet);
            }
            h.createUpdate("UPDATE model SET updated_at = :now WHERE id = :id").bind("now", Instant.now())
                    .bind("id", id).execute();
            Audit.record(h, actor, "model.update", name, null);
            return get(h, name);
        });
    }

    /**
     * Deletes a model with its versions, aliases and deployment history.
     *
     * @throws ConflictException while any version of it is deployed or being deployed
     */
    public void delete(String name, String actor) {
        jdbi.useTransaction(h -> {
            long id = idOf(h, name);
            List<String> live = h.createQuery("SELECT target_name || ':' || database_model_name FROM deployment"
                            + " WHERE model_id = :id AND status IN ('deployed', 'running', 'queued')")
                    .bind("id", id).mapTo(String.class).list();
            if (!live.isEmpty()) {
                throw new ConflictException("model '" + name + "' is deployed (" + String.join(", ", live)
                        + "); retire those deployments (POST /api/v1/deployments/{id}/retire) before deleting it");
            }
            h.createUpdate("DELETE FROM model WHERE id = :id").bind("id", id).execute();
            Audit.record(h, actor, "model.delete", name, null);
        });
    }

    public Page<Model> list(ModelQuery query) {
        return jdbi.withHandle(h -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            if (query.text() != null) {
                where.append(" AND (LOWER(m.name) LIKE :text OR LOWER(m.description) LIKE :text)");
            }
            if (query.tag() != null) {
                where.append(" AND EXISTS (SELECT 1 FROM model_tag t WHERE t.model_id = m.id AND t.tag = :tag)");
            }
            if (query.alias() != null) {
                where.append(" AND EXISTS (SELECT 1 FROM alias a WHERE a.model_id = m.id AND a.name = :alias)");
            }
            long total = bindFilters(h.createQuery("SELECT COUNT(*) FROM model m" + where), query)
                    .mapTo(Long.class).one();
            List<String> names = bindFilters(h.createQuery("SELECT m.name FROM model m" + where
                    + " ORDER BY m.name LIMIT :limit OFFSET :offset"), query)
                    .bind("limit", query.limit()).bind("offset", query.offset()).mapTo(String.class).list();
            return new Page<>(describe(h, names), query.offset(), query.limit(), total);
        });
    }

    static long idOf(Handle h, String name) {
        return h.createQuery("SELECT id FROM model WHERE name = :name").bind("name", name).mapTo(Long.class)
                .findOne().orElseThrow(() -> new NotFoundException("no model named '" + Names.printable(name) + "'"));
    }

    static Model get(Handle h, String name) {
        List<Model> found = describe(h, List.of(name));
        if (found.isEmpty()) {
            throw new NotFoundException("no model named '" + Names.printable(name) + "'");
        }
        return found.get(0);
    }

    /** The named models, in the order given, each with its tags and aliases. */
    private static List<Model> describe(Handle h, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        h.createQuery("SELECT id, name, description, last_version, created_at, updated_at FROM model"
                        + " WHERE name IN (<names>)").bindList("names", names).mapToMap()
                .forEach(row -> rows.put((String) row.get("name"), row));
        Map<Long, Set<String>> tags = new TreeMap<>();
        Map<Long, Map<String, Integer>> aliases = new TreeMap<>();
        List<Long> ids = rows.values().stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        if (!ids.isEmpty()) {
            h.createQuery("SELECT model_id, tag FROM model_tag WHERE model_id IN (<ids>)").bindList("ids", ids)
                    .map((rs, ctx) -> tags.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2)))
                    .list();
            h.createQuery("SELECT a.model_id, a.name, v.number FROM alias a JOIN model_version v ON v.id = a.version_id"
                            + " WHERE a.model_id IN (<ids>)").bindList("ids", ids)
                    .map((rs, ctx) -> aliases.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getInt(3)))
                    .list();
        }
        List<Model> models = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> row = rows.get(name);
            if (row == null) {
                continue;
            }
            long id = ((Number) row.get("id")).longValue();
            models.add(new Model(name, (String) row.get("description"),
                    List.copyOf(tags.getOrDefault(id, Set.of())), ((Number) row.get("last_version")).intValue(),
                    Map.copyOf(aliases.getOrDefault(id, Map.of())), Rows.instant(row.get("created_at")),
                    Rows.instant(row.get("updated_at"))));
        }
        return models;
    }

    private static Query bindFilters(Query q, ModelQuery query) {
        if (query.text() != null) {
            q.bind("text", "%" + query.text().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.tag() != null) {
            q.bind("tag", query.tag());
        }
        if (query.alias() != null) {
            q.bind("alias", query.alias());
        }
        return q;
    }

    private static Set<String> checkedTags(List<String> tags) {
        Set<String> set = new TreeSet<>();
        if (tags != null) {
            tags.forEach(t -> set.add(Names.tag(t)));
        }
        return set;
    }

    private static void writeTags(Handle h, long id, Set<String> tags) {
        for (String tag : tags) {
            h.createUpdate("INSERT INTO model_tag (model_id, tag) VALUES (:id, :tag)").bind("id", id)
                    .bind("tag", tag).execute();
        }
    }
}
