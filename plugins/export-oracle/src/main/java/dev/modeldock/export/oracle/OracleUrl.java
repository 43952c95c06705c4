package dev.modeldock.export.oracle;

import dev.modeldock.plugin.ModelDockException;
import java.sql.Driver;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC URLs this target connects to, and the one driver that serves each. A target setting must
 * not be able to pick another driver on the server's class path (H2's {@code INIT=RUNSCRIPT},
 * PostgreSQL's {@code socketFactory} run code named in the URL), nor hand Oracle's driver a property
 * that loads files or classes; so the URL is checked here, whole, before any driver sees it.
 *
 * <p>Accepted: {@code jdbc:oracle:thin:@//host[:port]/service}, {@code jdbc:oracle:thin:@host:port/service}
 * and {@code jdbc:oracle:thin:@host:port:SID}. Refused: every other scheme, credentials in the URL,
 * {@code ?key=value} parameters (we document none; ojdbc's include wallet and tnsnames locations and
 * class names), TNS descriptors {@code @(DESCRIPTION=...)} (they carry the same settings) and TNS aliases
 * (they read tnsnames.ora).
 *
 * <p>The tests' in-process stand-in for Oracle Database ({@code jdbc:oracle-standin:NAME}) is accepted
 * only when its driver class, {@value #STAND_IN_DRIVER}, can be loaded, which it can only from the
 * plugin's test jar: no setting turns it on, and whoever could put that class on the server's class
 * path could run any code there already. It is looked up by that one name, never by asking every
 * driver present whether it accepts the URL.
 */
final class OracleUrl {
    static final String THIN = "jdbc:oracle:thin:";
    static final String STAND_IN = "jdbc:oracle-standin:";
    static final String STAND_IN_DRIVER = "dev.modeldock.export.oracle.standin.OracleStandIn";

    static final String ACCEPTED = "jdbc:oracle:thin:@//host:port/service, jdbc:oracle:thin:@host:port/service or"
            + " jdbc:oracle:thin:@host:port:SID";

    private static final String HOST = "(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])";
    private static final String SERVICE = "(?<service>[A-Za-z0-9_][A-Za-z0-9_.$#-]*)";
    private static final Pattern EZCONNECT = Pattern.compile("@//" + HOST + "(?::(?<port>[0-9]{1,5}))?/" + SERVICE);
    private static final Pattern HOST_PORT_SERVICE = Pattern.compile("@" + HOST + ":(?<port>[0-9]{1,5})/" + SERVICE);
    private static final Pattern HOST_PORT_SID = Pattern.compile("@" + HOST + ":(?<port>[0-9]{1,5}):[A-Za-z][A-Za-z0-9_$#]*");
    private static final Pattern STAND_IN_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern SCHEME = Pattern.compile("jdbc:(?:oracle:)?[A-Za-z0-9+._-]*:?");

    private OracleUrl() {
    }

    /** The URL itself when this target accepts it; otherwise one line saying why not, never the whole URL. */
    static String check(String url) {
        if (url.startsWith(STAND_IN) && standInDriver() != null) {
            if (!STAND_IN_NAME.matcher(url.substring(STAND_IN.length())).matches()) {
                throw refused("a stand-in URL is " + STAND_IN + "NAME (letters, digits, '_' and '-')");
            }
            return url;
        }
        if (!url.startsWith(THIN)) {
            throw refused("the scheme " + scheme(url) + " is not Oracle's thin driver; accepted: " + ACCEPTED);
        }
        String rest = url.substring(THIN.length());
        if (rest.indexOf('?') >= 0) {
            throw refused("URL parameters (?key=value) are not accepted, the oracle target documents none; give only"
                    + " host, port and service: " + ACCEPTED);
        }
        if (!rest.startsWith("@") && rest.indexOf('@') > 0) {
            throw refused("credentials do not go in the URL; give 'user' and a password source instead: " + ACCEPTED);
        }
        if (rest.startsWith("@(")) {
            throw refused("TNS descriptors (@(DESCRIPTION=...)) are not accepted; use EZConnect: " + ACCEPTED);
        }
        for (Pattern shape : new Pattern[] {EZCONNECT, HOST_PORT_SERVICE, HOST_PORT_SID}) {
            Matcher matcher = shape.matcher(rest);
            if (matcher.matches()) {
                String port = matcher.group("port");
                if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
                    throw refused("port " + port + " is not between 1 and 65535");
                }
                return url;
            }
        }
        throw refused("not an accepted Oracle URL (TNS aliases are not accepted either); accepted: " + ACCEPTED);
    }

    /** The driver for a URL {@link #check} accepted: Oracle's, named explicitly, or the tests' stand-in. */
    static Driver driver(String url) {
        check(url);
        if (url.startsWith(THIN)) {
            return new oracle.jdbc.OracleDriver();
        }
        return standInDriver();
    }

    /** The tests' stand-in driver when its class is present (only in the plugin's test jar), else null. */
    private static Driver standInDriver() {
        Class<?> type;
        try {
            type = Class.forName(STAND_IN_DRIVER, true, OracleUrl.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!Driver.class.isAssignableFrom(type)) {
            return null;
        }
        try {
            return (Driver) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static ModelDockException refused(String why) {
        return new ModelDockException("the oracle target refuses this JDBC url: " + why);
    }

    /** The URL's scheme for a message ({@code jdbc:h2:}), without the rest, which may hold credentials. */
    private static String scheme(String url) {
        Matcher matcher = SCHEME.matcher(url);
        return matcher.lookingAt() && matcher.end() > "jdbc:".length() ? "'" + matcher.group() + "'" : "of this URL";
    }
}
