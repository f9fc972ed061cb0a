package ai.devbot.billing.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The pool Quarkus configures, with one change: the client caches prepared statements only up to
 * 2,048 characters of SQL by default, and a settle (price, record, close, pay and post in one
 * statement) is longer — without this it is parsed and planned again on every call, which cost
 * PostgreSQL more than the work itself.
 */
@Singleton
public class StatementCachingPool implements PgPoolCreator {

    static final int LONGEST_CACHED_SQL = 16_384;

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        input.pgConnectOptionsList().forEach(options -> servers.add(options.setPreparedStatementCacheSqlLimit(LONGEST_CACHED_SQL)));
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
