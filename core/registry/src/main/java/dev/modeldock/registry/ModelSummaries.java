package dev.modeldock.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog's page of models with what it shows beside each (version count, latest size, where it
 * is deployed), read in three statements whatever the page's size: the count, the page's models,
 * and the live deployments of all of them at once. A page never costs a query per model.
 */
public final class ModelSummaries {
    private static final String SELECT = "SELECT m.id, " + Models.COLUMNS + ","
            + " (SELECT COUNT(*) FROM model_version c WHERE c.model_id = m.id) AS version_count,"
            + " (SELECT a.size_bytes FROM model_version v JOIN artifact a ON a.sha256 = v.artifact_sha256"
            + " WHERE v.model_id = m.id AND v.number = m.last_version) AS latest_size FROM model m";
    private static final String PLACEMENTS = "SELECT d.model_id, d.target_name, d.database_model_name, d.status,"
            + " v.number FROM deployment d JOIN model_version v ON v.id = d.version_id"
            + " WHERE d.status IN ('deployed', 'drifted') AND d.model_id IN (<ids>)"
            + " ORDER BY d.target_name, d.database_model_name, d.id";

    private final Jdbi jdbi;

    ModelSummaries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The page of models the query selects, in its order, each with its summary figures. */
    public Page<ModelSummary> page(ModelQuery query) {
        return jdbi.inTransaction(h -> { // one snapshot, so the count, the page and its deployments agree
            Models.Mapper mapper = new Models.Mapper();
            Map<Long, Row> rows = new LinkedHashMap<>();
            Models.window(h.createQuery(SELECT + Models.where(query) + Models.window(query)), query)
                    .map(row -> new Row(row.getColumn("id", Long.class), mapper.map(row),
                            row.getColumn("version_count", Integer.class), row.getColumn("latest_size", Long.class)))
                    .forEach(row -> rows.put(row.id, row));
            Map<Long, List<ModelSummary.Placement>> placements = placements(h, rows.keySet());
            List<ModelSummary> items = new ArrayList<>();
            rows.values().forEach(row -> items.add(new ModelSummary(row.model, row.versionCount, row.latestSize,
                    placements.getOrDefault(row.id, List.of()))));
            return new Page<>(items, query.offset(), query.limit(), Models.count(h, query));
        });
    }

    private static Map<Long, List<ModelSummary.Placement>> placements(Handle h, java.util.Collection<Long> ids) {
        Map<Long, List<ModelSummary.Placement>> byModel = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byModel;
        }
        h.createQuery(PLACEMENTS).bindList("ids", List.copyOf(ids)).map(row -> Map.entry(
                        row.getColumn("model_id", Long.class), new ModelSummary.Placement(
                                row.getColumn("target_name", String.class),
                                row.getColumn("database_model_name", String.class),
                                row.getColumn("number", Integer.class), row.getColumn("status", String.class))))
                .forEach(e -> byModel.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue()));
        return byModel;
    }

    /** A model row before its deployments are joined to it. */
    private record Row(long id, Model model, int versionCount, Long latestSize) {
    }
}
