package dev.modeldock.export.oracle.standin;

import dev.modeldock.metadata.OracleRelease;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one stand-in database simulates: its release, the state of DBMS_VECTOR, the privileges and
 * accounts it knows, and failures to inject. Build with {@link #named(String)}, then {@link Builder#start()}.
 */
public final class StandInSettings {
    /** How the session sees SYS.DBMS_VECTOR in ALL_OBJECTS. */
    public enum PackageState { VALID, INVALID, MISSING }

    /** The default account, used when none is declared. */
    public static final String DEFAULT_USER = "MODELDOCK";
    public static final String DEFAULT_PASSWORD = "secret";

    final String name;
    final String version;
    final PackageState dbmsVector;
    final Set<String> privileges;
    final Map<String, String> accounts;
    final int loadFailureCode;
    final String loadFailureMessage;
    final long maxModelBytes;
    final boolean dropOfAbsentModelFails;
    final Map<String, Directory> directories;

    /**
     * A directory object: its name, the folder it stands for, and what the session user may do in it
     * (READ, WRITE), as GRANT READ, WRITE ON DIRECTORY gives.
     */
    record Directory(String name, Path path, Set<String> grants) {
    }

    private StandInSettings(Builder builder) {
        this.name = builder.name;
        this.version = builder.version;
        this.dbmsVector = builder.dbmsVector != null ? builder.dbmsVector
                : majorRelease(builder.version) >= 23 ? PackageState.VALID : PackageState.MISSING;
        this.privileges = Set.copyOf(builder.privileges);
        this.accounts = builder.accounts.isEmpty() ? Map.of(DEFAULT_USER, DEFAULT_PASSWORD) : Map.copyOf(builder.accounts);
        this.loadFailureCode = builder.loadFailureCode;
        this.loadFailureMessage = builder.loadFailureMessage;
        this.maxModelBytes = builder.maxModelBytes > 0 ? builder.maxModelBytes
                : release().map(OracleRelease::maxFileBytes).orElse((long) Integer.MAX_VALUE);
        this.dropOfAbsentModelFails = builder.dropOfAbsentModelFails;
        this.directories = Map.copyOf(builder.directories);
    }

    /** Settings for the database reached at {@code jdbc:oracle-standin:<name>}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    int majorRelease() {
        return majorRelease(version);
    }

    /** The release whose rules the database follows; empty before 23ai. */
    Optional<OracleRelease> release() {
        return OracleRelease.ofDatabaseVersion(version);
    }

    /** The failure every LOAD raises once the model passed validation, or null. */
    SQLException injectedLoadFailure() {
        return loadFailureMessage == null ? null : OracleErrors.ora(loadFailureCode, loadFailureMessage);
    }

    private static int majorRelease(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a release looks like 23.0.0.0.0, not " + version, e);
        }
    }

    public static final class Builder {
        private final String name;
        private String version = "23.0.0.0.0";
        private PackageState dbmsVector;
        private final Set<String> privileges = new LinkedHashSet<>(Set.of("CREATE SESSION", "CREATE MINING MODEL"));
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private int loadFailureCode;
        private String loadFailureMessage;
        /** 0: the release's own limit. */
        private long maxModelBytes;
        private boolean dropOfAbsentModelFails;
        private final Map<String, Directory> directories = new LinkedHashMap<>();

        private Builder(String name) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a stand-in name is letters, digits, '_' and '-': " + name);
            }
            this.name = name;
        }

        /**
         * The release PRODUCT_COMPONENT_VERSION reports as VERSION_FULL (default 23.0.0.0.0, a 23ai;
         * 23.26.0.0.0 is a 26ai); below 23, DBMS_VECTOR is missing unless set.
         */
        public Builder version(String release) {
            majorRelease(release);
            this.version = release;
            return this;
        }

        public Builder dbmsVector(PackageState state) {
            this.dbmsVector = state;
            return this;
        }

        /** Replaces the session's privileges (default CREATE SESSION and CREATE MINING MODEL). */
        public Builder privileges(String... granted) {
            privileges.clear();
            for (String privilege : granted) {
                privileges.add(privilege.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /** Declares an account; without any, only {@value #DEFAULT_USER}/{@value #DEFAULT_PASSWORD} logs on. */
        public Builder account(String user, String password) {
            accounts.put(user.toUpperCase(Locale.ROOT), password);
            return this;
        }

        /** Makes every LOAD of a valid model fail with ORA-{@code code}: {@code message}. */
        public Builder failLoadsWith(int code, String message) {
            this.loadFailureCode = code;
            this.loadFailureMessage = message;
            return this;
        }

        /**
         * The largest model BLOB accepted; larger is ORA-54400. By default the release's: 1 GB on 23ai,
         * 2 GB on 26ai.
         */
        public Builder maxModelBytes(long bytes) {
            this.maxModelBytes = bytes;
            return this;
        }

        /**
         * Makes DROP_ONNX_MODEL(force => TRUE) of an absent model fail (ORA-40281) instead of doing
         * nothing: Oracle documents force as "drop even if invalid", not as "ignore absence".
         */
        public Builder dropOfAbsentModelFails() {
            this.dropOfAbsentModelFails = true;
            return this;
        }

        /**
         * Declares a directory object standing for {@code folder}, on which the session user holds
         * {@code grants} (READ, WRITE); with none, the directory exists but ALL_DIRECTORIES hides it.
         */
        public Builder directory(String directoryName, Path folder, String... grants) {
            Set<String> granted = new LinkedHashSet<>();
            for (String grant : grants) {
                granted.add(grant.toUpperCase(Locale.ROOT));
            }
            String canonical = directoryName.toUpperCase(Locale.ROOT);
            directories.put(canonical, new Directory(canonical, folder, Set.copyOf(granted)));
            return this;
        }

        public StandInSettings build() {
            return new StandInSettings(this);
        }

        /** Builds the settings and starts the database (replacing one of the same name). */
        public StandInDatabase start() {
            return OracleStandIn.start(build());
        }
    }
}
