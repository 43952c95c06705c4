package dev.modeldock.testkit.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test method once per database, on embedded H2 and on PostgreSQL by default, each run
 * with a fresh database of its own handed in as a {@link TestDatabase} parameter and removed after
 * the run:
 *
 * <pre>{@code
 * @DatabaseTest
 * void versionsAreNumberedOneTwoThree(TestDatabase database) { ... }
 * }</pre>
 *
 * <p>The runs are named "on H2" and "on PostgreSQL". Where PostgreSQL is and why it is never skipped:
 * {@link TestDatabase}.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(DatabaseExtension.class)
public @interface DatabaseTest {
    /** The databases to run on, in this order. */
    TestDatabase.Kind[] value() default {TestDatabase.Kind.H2, TestDatabase.Kind.POSTGRESQL};
}
