package dev.modeldock.export.oracle.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Driver;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's copies of the plugin's SQL texts are the plugin's texts (OracleSql is package-private
 * in the plugin, so it is read by reflection): a change on either side fails here, not in a test that
 * happens to send the changed text.
 */
class StandInUnderstandsThePluginsSqlTest {
    private static final String ORACLE_SQL = "dev.modeldock.export.oracle.OracleSql";

    @Test
    void knowsEveryFixedTextThePluginSends() throws Exception {
        Set<String> plugin = new TreeSet<>();
        for (Field field : Class.forName(ORACLE_SQL).getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                plugin.add((String) field.get(null));
            }
        }
        Set<String> standIn = new TreeSet<>();
        for (Field field : OracleSqlRewriter.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !field.getName().equals("SESSION_OWNER")) {
                standIn.add((String) field.get(null));
            }
        }

        assertEquals(standIn, plugin);
        OracleSqlRewriter rewriter = new OracleSqlRewriter("conformance", "MODELDOCK");
        for (String text : plugin) {
            rewriter.toH2(text);
        }
    }

    @Test
    void knowsTheEmbeddingQueryThePluginBuilds() throws Exception {
        Method embedding = Class.forName(ORACLE_SQL).getDeclaredMethod("embedding", String.class, String.class);
        embedding.setAccessible(true);
        OracleSqlRewriter rewriter = new OracleSqlRewriter("conformance", "MODELDOCK");

        for (String model : new String[] {"DOC_MODEL", "MODELDOCK.DOC_MODEL", "\"Mixed\".DOC_MODEL"}) {
            String text = (String) embedding.invoke(null, model, "DATA");
            assertTrue(OracleSqlRewriter.EMBEDDING.matcher(text).matches(), text);
            assertTrue(rewriter.toH2(text).startsWith("SELECT STANDIN_VECTOR_EMBEDDING("), text);
        }
    }

    @Test
    void knowsThePredictionQueriesThePluginBuilds() throws Exception {
        Class<?> oracleSql = Class.forName(ORACLE_SQL);
        OracleSqlRewriter rewriter = new OracleSqlRewriter("conformance", "MODELDOCK");
        for (String method : List.of("prediction", "predictionProbability")) {
            Method query = oracleSql.getDeclaredMethod(method, String.class, List.class);
            query.setAccessible(true);
            for (List<String> attributes : List.of(List.of("DATA"), List.of("DATA1", "DATA2"))) {
                String text = (String) query.invoke(null, "MODELDOCK.RERANKER", attributes);
                assertTrue(PredictionSql.QUERY.matcher(text).matches(), text);
                String h2 = rewriter.toH2(text);
                assertTrue(h2.startsWith("SELECT STANDIN_PREDICTION_"), h2);
                assertEquals(attributes.size(), h2.chars().filter(c -> c == '?').count(), h2);
            }
        }
    }

    @Test
    void isFoundAsTheServiceLoaderFindsDrivers() {
        assertTrue(ServiceLoader.load(Driver.class, getClass().getClassLoader()).stream()
                .anyMatch(provider -> provider.type() == OracleStandIn.class));
    }
}
