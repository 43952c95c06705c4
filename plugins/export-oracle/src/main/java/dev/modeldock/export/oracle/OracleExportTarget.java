package dev.modeldock.export.oracle;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modeldock.metadata.OracleNames;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.metadata.OracleErrors;
import dev.modeldock.plugin.DeployedState;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Loads a model into Oracle Database as a mining model, OML4Py's export2db: connect with a profile,
 * check the database can take it, replace an existing model only when asked, stream the file into
 * DBMS_VECTOR.LOAD_ONNX_MODEL, and read back what the database made of it.
 *
 * <p>Settings: {@code profile} (path of the connection profile) or the profile's keys inline
 * ({@code url}, in a shape {@link OracleUrl} accepts, {@code user}, and {@code password},
 * {@code password_env} or {@code password_file}),
 * {@code replace} ("true" to drop an existing model of the same name first), and {@code directory}
 * (the database directory a model with external data is written to and loaded from, see
 * {@link DirectoryLoader}).
 */
@Extension
public final class OracleExportTarget implements ExportTarget {
    /**
     * The plugin's one JSON mapper, for metadata documents and connection profiles; its errors never
     * carry the text read (a profile setting may name a file that is not a profile).
     */
    static final ObjectMapper JSON = JsonMapper.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public void check(String name, Map<String, String> settings) {
        DatabaseModelName.parse(name);
        profile(settings);
        if (settings.containsKey("directory")) {
            DirectoryLoader.directory(settings);
        }
    }

    @Override
    public ExportReceipt export(ExportRequest request, Progress progress) throws IOException {
        DatabaseModelName name = DatabaseModelName.parse(request.name());
        ConnectionProfile profile = profile(request.settings());
        boolean packaged = request.layout() == ExportRequest.Layout.EXTERNAL_DATA_PACKAGE;
        String directory = packaged ? DirectoryLoader.directory(request.settings()) : null;
        boolean replace = Boolean.parseBoolean(request.setting("replace", "false"));
        JsonNode metadata = JSON.readTree(request.metadata());
        long bytes = Files.size(request.model());
        progress.report("connecting to " + profile.url(), 0.02);
        try (Connection connection = OracleConnections.open(profile)) {
            OracleRelease release = Preflight.check(connection);
            String owner = name.owner() != null ? name.owner()
                    : OracleNames.canonical(profile.user()).replaceAll("[^A-Za-z0-9_$#]", "_");
            if (packaged) {
                DirectoryLoader.check(connection, release, directory, owner); // before a byte is unpacked
            } else if (bytes > release.maxFileBytes()) {
                throw new ModelDockException("the model is " + bytes + " bytes; the database is "
                        + release.displayName() + ", which loads at most " + release.maxFileBytes() + " ("
                        + release.maxFileSize() + ")" + (release == OracleRelease.DB_23AI
                        ? ": quantize the model, or deploy it to a 26ai database" : ""));
            }
            try (UnpackedModel model = UnpackedModel.of(request)) {
                if (packaged) {
                    DirectoryLoader.checkSize(release, Files.size(model.onnx()));
                }
                dropIfReplacing(connection, name, replace, progress);
                if (packaged) {
                    DirectoryLoader.load(connection, name, owner, directory, model, request.metadata(), progress);
                } else {
                    ModelLoader.load(connection, name, request.model(), request.metadata(), progress);
                }
                progress.report("verifying " + name.qualified(), 0.9);
                String verified = LoadVerifier.verify(connection, name, metadata, model.onnx());
                progress.report(verified, 1.0);
            }
            return new ExportReceipt(name(), "oracle:" + profile.user() + "@" + profile.url() + "/" + name.qualified(),
                    request.sha256(), bytes);
        } catch (SQLException e) {
            throw new ModelDockException("Oracle refused " + name.qualified() + ": " + OracleErrors.explain(e.getMessage()),
                    e);
        }
    }

    /** An existing model of the name is dropped when {@code replace} says so, and is an error otherwise. */
    private static void dropIfReplacing(Connection connection, DatabaseModelName name, boolean replace,
            Progress progress) throws SQLException {
        if (ModelLoader.exists(connection, name)) {
            if (!replace) {
                throw new ModelDockException("mining model " + name.qualified() + " already exists; export with"
                        + " replace (--replace) to drop and load it again, or choose another name");
            }
            progress.report("dropping the existing " + name.qualified(), 0.08);
            ModelLoader.drop(connection, name);
        }
    }

    /** The database holds something under the name: is it, by behaviour, the artifact? */
    @Override
    public DeployedState inspect(ExportRequest expected) throws IOException {
        DatabaseModelName name = DatabaseModelName.parse(expected.name());
        ConnectionProfile profile = profile(expected.settings());
        JsonNode metadata = JSON.readTree(expected.metadata());
        try (Connection connection = OracleConnections.open(profile)) {
            if (!ModelLoader.exists(connection, name)) {
                return DeployedState.absent(name.qualified() + " is not in ALL_MINING_MODELS");
            }
            try (UnpackedModel model = UnpackedModel.of(expected)) {
                // Oracle does not hand a model's bytes back; compare what it does with what the artifact does.
                return DeployedState.same(LoadVerifier.verify(connection, name, metadata, model.onnx()));
            } catch (ModelDockException e) {
                return DeployedState.differs(e.getMessage());
            }
        } catch (SQLException e) {
            throw new ModelDockException("cannot inspect " + name.qualified() + ": " + OracleErrors.explain(e.getMessage()),
                    e);
        }
    }

    /** A connection profile file, or its keys given one by one; which of them are needed is checked on use. */
    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("profile", Setting.Type.PATH, "a connection profile (JSON with url, user and password_env"
                        + " or password_file); or give url, user and a password source instead"),
                Setting.of("url", Setting.Type.STRING, "the database's JDBC URL, jdbc:oracle:thin:@//host:1521/service"),
                Setting.of("user", Setting.Type.STRING, "the database user the model is loaded as"),
                Setting.of("password", Setting.Type.STRING, "the user's password").asSecret(),
                Setting.of("password_env", Setting.Type.STRING, "instead of password: the environment variable"
                        + " holding it"),
                Setting.of("password_file", Setting.Type.PATH, "instead of password: a file holding it"),
                Setting.of("directory", Setting.Type.STRING, "for a model with external data (Oracle Database 26ai):"
                        + " the database directory its files are written to and loaded from; the user needs READ and"
                        + " WRITE on it"));
    }

    /** A connection profile file ({@code profile}), or the same keys given inline. */
    private static ConnectionProfile profile(Map<String, String> settings) {
        String file = settings.get("profile");
        if (file != null) {
            return ConnectionProfile.read(Path.of(file));
        }
        if (settings.containsKey("url")) {
            return ConnectionProfile.fromSettings(settings);
        }
        throw new ModelDockException("the oracle target needs a connection 'profile' file, or 'url', 'user' and a"
                + " password source");
    }
}
