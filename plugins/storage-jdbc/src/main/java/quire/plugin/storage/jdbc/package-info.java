/**
 * JDBC storage: {@link quire.plugin.storage.jdbc.JdbcStorageBackendFactory} (id {@code jdbc}),
 * the backend, its dialects, migrations and the one place the access scope is rendered
 * ({@link quire.plugin.storage.jdbc.ScopeClause}). Nothing here is exported.
 */
package quire.plugin.storage.jdbc;
