package dev.modeldock.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.registry.internal.Audit;
import dev.modeldock.registry.internal.SqlStates;
import dev.modeldock.registry.internal.TargetRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** Deployment target profiles; secret settings are stored sealed by a {@link SecretBox}. */
public final class Targets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final SecretBox box;

    Targets(Jdbi jdbi, SecretBox box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    /**
     * Creates or replaces a profile. Secrets not given are kept from the profile being replaced, so
     * that a client which never saw them can still change the plain settings.
     *
     * @param create true to refuse an existing name, false to refuse a missing one
     */
    public TargetProfile save(String name, String plugin, Map<String, String> settings, Map<String, String> secrets,
            boolean create, String actor) {
        Names.target(name);
        Limits.check("plugin", plugin, Limits.PLUGIN);
        String settingsJson = Limits.check("settings", write(settings), Limits.SETTINGS);
        return jdbi.inTransaction(h -> {
            Instant now = Instant.now();
            boolean exists = h.createQuery("SELECT COUNT(*) FROM target WHERE name = :n").bind("n", name)
                    .mapTo(Integer.class).one() > 0;
            if (create && exists) {
                throw new ConflictException("target '" + name + "' already exists");
            }
            if (!create && !exists) {
                throw new NotFoundException("no target named '" + Names.printable(name) + "'");
            }
            Map<String, String> sealed = new TreeMap<>(exists ? unseal(row(h, name).secrets()) : Map.of());
            sealed.putAll(secrets);
            // checked with the secrets kept from the profile being replaced, as they are stored together
            String sealedText = sealed.isEmpty() ? null
                    : box.encrypt(Limits.checkBytes("secret settings", write(sealed), Limits.SECRET_SETTINGS_BYTES));
            if (exists) {
                h.createUpdate("UPDATE target SET plugin = :p, settings_json = :s, secrets = :x, updated_at = :now"
                                + " WHERE name = :n").bind("p", plugin).bind("s", settingsJson).bind("x", sealedText)
                        .bind("now", now).bind("n", name).execute();
            } else {
                insert(h, name, plugin, settingsJson, sealedText, now);
            }
            Audit.record(h, actor, create ? "target.create" : "target.update", name, plugin);
            return get(h, name);
        });
    }

    public TargetProfile get(String name) {
        return jdbi.withHandle(h -> get(h, name));
    }

    public List<TargetProfile> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM target ORDER BY name").mapTo(TargetRow.class)
                .map(this::profile).list());
    }

    public void delete(String name, String actor) {
        jdbi.useTransaction(h -> {
            if (h.createUpdate("DELETE FROM target WHERE name = :n").bind("n", name).execute() == 0) {
                throw new NotFoundException("no target named '" + Names.printable(name) + "'");
            }
            Audit.record(h, actor, "target.delete", name, null);
        });
    }

    /** Plain settings and decrypted secrets together, for the export target only; never for a response. */
    public Map<String, String> settingsForExport(String name) {
        return jdbi.withHandle(h -> {
            TargetRow row = row(h, name);
            Map<String, String> all = new TreeMap<>(parse(row.settings()));
            all.putAll(unseal(row.secrets()));
            return all;
        });
    }

    private TargetProfile get(Handle h, String name) {
        return profile(row(h, name));
    }

    private static TargetRow row(Handle h, String name) {
        return h.createQuery("SELECT * FROM target WHERE name = :n").bind("n", name).mapTo(TargetRow.class)
                .findOne().orElseThrow(() -> new NotFoundException("no target named '" + Names.printable(name) + "'"));
    }

    private TargetProfile profile(TargetRow row) {
        return new TargetProfile(row.name(), row.plugin(), parse(row.settings()),
                Set.copyOf(unseal(row.secrets()).keySet()), row.createdAt(), row.updatedAt());
    }

    private static void insert(Handle h, String name, String plugin, String settingsJson, String sealedText,
            Instant now) {
        try {
            h.createUpdate("INSERT INTO target (name, plugin, settings_json, secrets, created_at, updated_at)"
                            + " VALUES (:n, :p, :s, :x, :now, :now)").bind("n", name).bind("p", plugin)
                    .bind("s", settingsJson).bind("x", sealedText).bind("now", now).execute();
        } catch (StatementException e) {
            if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) { // another client created it between our check and insert
                throw new ConflictException("target '" + name + "' already exists");
            }
            throw e;
        }
    }

    /** The secret settings of a row; none when it has none. */
    private Map<String, String> unseal(String sealed) {
        return sealed == null ? Map.of() : parse(box.decrypt(sealed));
    }

    private static String write(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored target settings are not JSON", e);
        }
    }
}
