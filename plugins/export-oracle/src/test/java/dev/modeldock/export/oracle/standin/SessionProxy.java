package dev.modeldock.export.oracle.standin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A session of the stand-in: an H2 connection seen through a proxy that rewrites every SQL text on its
 * way in ({@link OracleSqlRewriter}) and passes everything else through, {@code createBlob()} included.
 * Statements are proxied too, so that {@code Statement.execute*(sql)} is rewritten and
 * {@code getConnection()} gives back the session, not the H2 connection behind it.
 */
final class SessionProxy implements InvocationHandler {
    private static final Set<String> CONNECTION_SQL = Set.of("prepareStatement", "prepareCall", "nativeSQL");
    private static final Set<String> STATEMENT_SQL =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    private final Object target;
    private final OracleSqlRewriter rewriter;
    private final String description;
    private Connection session;

    private SessionProxy(Object target, OracleSqlRewriter rewriter, String description, Connection session) {
        this.target = target;
        this.rewriter = rewriter;
        this.description = description;
        this.session = session;
    }

    static Connection wrap(Connection h2, OracleSqlRewriter rewriter, String description) {
        SessionProxy handler = new SessionProxy(h2, rewriter, description, null);
        Connection session = (Connection) Proxy.newProxyInstance(SessionProxy.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        handler.session = session;
        return session;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "toString" -> {
                return description;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "unwrap" -> {
                Class<?> type = (Class<?>) args[0];
                return type.isInstance(proxy) ? proxy : call(method, args);
            }
            case "isWrapperFor" -> {
                return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) call(method, args);
            }
            case "getConnection" -> {
                if (target instanceof Statement) {
                    return session;
                }
            }
            default -> {
            }
        }
        boolean rewrites = target instanceof Connection ? CONNECTION_SQL.contains(name) : STATEMENT_SQL.contains(name);
        if (rewrites && args != null && args.length > 0 && args[0] instanceof String sql) {
            args[0] = rewriter.toH2(sql);
        }
        Object result = call(method, args);
        return target instanceof Connection && result instanceof Statement statement ? proxy(statement) : result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof SQLException error ? OracleErrors.unwrap(error) : e.getCause();
        }
    }

    private Statement proxy(Statement statement) {
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(SessionProxy.class.getClassLoader(), new Class<?>[] {type},
                new SessionProxy(statement, rewriter, description + " statement", session));
    }
}
