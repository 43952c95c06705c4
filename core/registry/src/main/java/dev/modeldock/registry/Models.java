package dev.modeldock.registry;

import dev.modeldock.registry.internal.Audit;
import dev.modeldock.registry.internal.SqlStates;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.generic.GenericType;
import org.jdbi.v3.core.mapper.RowViewMapper;
import org.jdbi.v3.core.result.RowView;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementException;

/** The catalog's models: create, find, list, change, delete. */
public final class Models {
    /** A model's columns with its tags and aliases gathered into arrays, as {@link Mapper} reads them. */
    static final String COLUMNS = "m.name, m.description, m.last_version, m.created_at,"
            + " m.updated_at, (SELECT ARRAY_AGG(t.tag) FROM model_tag t WHERE t.model_id = m.id) AS tags,"
            + " (SELECT ARRAY_AGG(a.name ORDER BY a.name) FROM alias a WHERE a.model_id = m.id) AS alias_names,"
            + " (SELECT ARRAY_AGG(v.number ORDER BY a.name) FROM alias a JOIN model_version v ON v.id = a.version_id"
            + " WHERE a.model_id = m.id) AS alias_numbers";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM model m";

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
     * @throws ConflictException while any version of it is deployed (drifted or not) or being deployed
     */
    public void delete(String name, String actor) {
        jdbi.useTransaction(h -> {
            long id = idOf(h, name);
            List<String> live = h.createQuery("SELECT target_name || ':' || database_model_name FROM deployment"
                            + " WHERE model_id = :id AND status IN ('deployed', 'drifted', 'running', 'queued')")
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
            List<Model> models = window(h.createQuery(SELECT + where(query) + window(query)), query)
                    .mapTo(Model.class).list();
            return new Page<>(models, query.offset(), query.limit(), count(h, query));
        });
    }

    /** How many models match the query's filters, on all pages. */
    static long count(Handle h, ModelQuery query) {
        return bindFilters(h.createQuery("SELECT COUNT(*) FROM model m" + where(query)), query).mapTo(Long.class)
                .one();
    }

    /** The WHERE clause of the query's filters, over the model table aliased {@code m}. */
    static String where(ModelQuery query) {
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
        return where.toString();
    }

    /** The ORDER BY and page window of the query, to follow {@link #where}. */
    static String window(ModelQuery query) {
        return " ORDER BY " + query.sort().orderBy() + " LIMIT :limit OFFSET :offset";
    }

    /** Binds the filters and window of a statement made of {@link #where} and {@link #window}. */
    static Query window(Query q, ModelQuery query) {
        return bindFilters(q, query).bind("limit", query.limit()).bind("offset", query.offset());
    }

    static long idOf(Handle h, String name) {
        return h.createQuery("SELECT id FROM model WHERE name = :name").bind("name", name).mapTo(Long.class)
                .findOne().orElseThrow(() -> new NotFoundException("no model named '" + Names.printable(name) + "'"));
    }

    static Model get(Handle h, String name) {
        return h.createQuery(SELECT + " WHERE m.name = :name").bind("name", name).mapTo(Model.class).findOne()
                .orElseThrow(() -> new NotFoundException("no model named '" + Names.printable(name) + "'"));
    }

    private static Query bindFilters(Query q, ModelQuery query) {
        if (query.text() != null) {
            q.bind("text", "%" + query.text().toLowerCase(Locale.ROOT)
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

    /**
     * A row of {@link #SELECT} as a {@link Model}: tags in Java's order of strings, whatever the
     * database's collation; aliases from the two arrays of names and numbers, in the same order.
     */
    static final class Mapper implements RowViewMapper<Model> {
        private static final GenericType<List<String>> STRINGS = new GenericType<>() { };
        private static final GenericType<List<Integer>> NUMBERS = new GenericType<>() { };

        @Override
        public Model map(RowView row) {
            List<String> aliasNames = orEmpty(row.getColumn("alias_names", STRINGS));
            List<Integer> aliasNumbers = orEmpty(row.getColumn("alias_numbers", NUMBERS));
            Map<String, Integer> aliases = new HashMap<>();
            for (int i = 0; i < aliasNames.size(); i++) {
                aliases.put(aliasNames.get(i), aliasNumbers.get(i));
            }
            return new Model(row.getColumn("name", String.class), row.getColumn("description", String.class),
                    List.copyOf(new TreeSet<>(orEmpty(row.getColumn("tags", STRINGS)))),
                    row.getColumn("last_version", Integer.class), Map.copyOf(aliases),
                    row.getColumn("created_at", Instant.class), row.getColumn("updated_at", Instant.class));
        }

        /** An array column; null when the subquery found no rows. */
        private static <T> List<T> orEmpty(List<T> array) {
            return array == null ? List.of() : array;
        }
    }
}
