/**
 * Storage tests on both databases ModelDock runs on: {@link dev.modeldock.testkit.db.DatabaseTest}
 * runs a test method on embedded H2 and on PostgreSQL, handing each run a fresh
 * {@link dev.modeldock.testkit.db.TestDatabase} (a folder, or a schema of its own) that is removed
 * afterwards. The kit names no JDBC driver; the tests that use it have theirs.
 */
package dev.modeldock.testkit.db;
