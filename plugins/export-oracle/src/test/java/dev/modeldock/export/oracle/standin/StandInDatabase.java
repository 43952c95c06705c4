package dev.modeldock.export.oracle.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One running stand-in: an in-memory H2 database holding the dictionary views, a folder holding each
 * loaded model's bytes once, and the ONNX Runtime sessions scoring them. Close it to free all three.
 */
public final class StandInDatabase implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final StandInSettings settings;
    private final String h2Url;
    private final Connection system;
    private final Path storage;
    private final ModelCatalog catalog;

    StandInDatabase(StandInSettings settings) {
        this.settings = settings;
        this.h2Url = "jdbc:h2:mem:oracle-standin-" + settings.name + "-" + INSTANCES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1";
        try {
            this.system = h2();
            Dictionary dictionary = new Dictionary(system);
            dictionary.create(settings);
            this.storage = Files.createTempDirectory("oracle-standin-" + settings.name + "-");
            this.catalog = new ModelCatalog(settings, dictionary, storage);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the Oracle stand-in " + settings.name, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return settings.name;
    }

    /** The JDBC URL sessions connect to. */
    public String url() {
        return OracleStandIn.URL_PREFIX + settings.name;
    }

    public StandInSettings settings() {
        return settings;
    }

    /** A plain H2 connection to the stand-in's tables, for a test to look behind the Oracle surface. */
    public Connection h2() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        credentials.setProperty("password", "");
        return new org.h2.Driver().connect(h2Url, credentials);
    }

    /** The loaded models, as OWNER.NAME. */
    public Set<String> modelNames() {
        return catalog.models().keySet();
    }

    /** The stored copy of a model's bytes (OWNER.NAME), to check it is the BLOB that was sent. */
    public Path storedBytes(String qualifiedName) {
        LoadedModel model = catalog.models().get(qualifiedName);
        if (model == null) {
            throw new IllegalArgumentException("no model " + qualifiedName + " in " + modelNames());
        }
        return model.file;
    }

    /** Every file the stand-in stores, for a test to check that nothing is left behind. */
    public long storedFileCount() {
        try (Stream<Path> files = Files.list(storage)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a connection profile for the export target into {@code folder}: this database's URL, its
     * default user, and the password in a file beside it, named after the database.
     */
    public Path writeProfile(Path folder) throws IOException {
        Path secret = Files.writeString(folder.resolve(settings.name + ".secret"), StandInSettings.DEFAULT_PASSWORD);
        return Files.writeString(folder.resolve(settings.name + ".json"), "{\"url\": \"" + url() + "\", \"user\": \""
                + StandInSettings.DEFAULT_USER + "\", \"password_file\": \"" + secret.getFileName() + "\"}");
    }

    /** {@code VECTOR_EMBEDDING(model USING text AS DATA)} as the database returns it, read back as floats. */
    public float[] vectorEmbedding(String model, String text) throws SQLException {
        String returned;
        try (Connection connection = StandInClient.connect(this)) {
            returned = StandInClient.embed(connection, model, "DATA", text).strip();
        }
        String[] values = returned.substring(1, returned.length() - 1).split(",");
        float[] vector = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            vector[i] = Float.parseFloat(values[i].strip());
        }
        return vector;
    }

    Connection openSession(String user) throws SQLException {
        return SessionProxy.wrap(h2(), new OracleSqlRewriter(settings.name, user),
                "Oracle stand-in session of " + user + " on " + settings.name);
    }

    ModelCatalog catalog() {
        return catalog;
    }

    /** Stops the database: its name no longer connects, its models and H2 tables are gone. */
    @Override
    public void close() {
        OracleStandIn.forget(this);
        closeStorage();
    }

    void closeStorage() {
        catalog.close();
        try (Statement shutdown = system.createStatement()) {
            shutdown.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Already shut down.
        }
        try (Stream<Path> files = Files.walk(storage)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            storage.toFile().deleteOnExit();
        }
    }
}
