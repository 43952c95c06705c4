package dev.modeldock.registry;

import dev.modeldock.registry.internal.ChunkLayout;
import dev.modeldock.registry.internal.ObjectContentRows;
import dev.modeldock.registry.internal.TargetRow;
import dev.modeldock.registry.internal.VerifiedChunkStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * How the registry's rows become its records, and its instants timestamps, installed once on the
 * registry's {@link Jdbi}: a query says only {@code mapTo(Job.class)}.
 *
 * <p>A record is built by its canonical constructor from the columns its components name, as Jdbi's
 * {@link ConstructorMapper} matches them ({@code created_at} for {@code createdAt}); a component whose
 * column has another name in the table says so with {@code @ColumnName}, and a value a query joins in
 * is selected under the component's name. {@link Model} gathers its tags and aliases, so it has a
 * mapper of its own, next to its query.
 */
final class Rows implements JdbiPlugin {
    /** The records built by their constructors alone. */
    private static final List<Class<?>> RECORDS = List.of(AliasMove.class, ApiToken.class, AuditEntry.class, Deployment.class,
            Job.class, JobEvent.class, ServerNode.class, TargetRow.class, User.class, Version.class,
            StoredArtifact.class, ChunkLayout.class, VerifiedChunkStream.StoredChunk.class,
            ObjectContentRows.StagingObject.class);

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new InstantArgument());
        jdbi.registerColumnMapper(Instant.class, Rows::instant);
        jdbi.registerColumnMapper(Role.class, (rs, column, ctx) -> Role.parse(rs.getString(column)));
        RECORDS.forEach(type -> jdbi.registerRowMapper(ConstructorMapper.factory(type)));
        jdbi.registerRowMapper(Model.class, new Models.Mapper());
    }

    /** A TIMESTAMP WITH TIME ZONE column; null stays null. */
    private static Instant instant(ResultSet rs, int column, StatementContext ctx) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Binds an instant as an offset date-time in UTC. Jdbi's own binding goes through
     * {@link java.sql.Timestamp}, which H2 reads in the session's time zone (the JVM's): an instant in
     * the hour that the autumn clock change repeats was stored an hour early.
     */
    private static final class InstantArgument extends AbstractArgumentFactory<Instant> {
        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
            return (position, statement, ctx) -> statement.setObject(position, utc);
        }
    }
}
