package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.util.Map;

/**
 * {@link JdbiStoreTest} on PostgreSQL with pgjdbc's {@code reWriteBatchedInserts=true}, which turns a batch
 * into multi-row inserts and reports no per-row counts: the store must stay exact (idempotent inserts,
 * counts) with it, as docs/jdbi.md promises.
 */
@RequiresServer(Server.POSTGRESQL)
class PostgresRewrittenBatchesJdbiStoreTest extends JdbiStoreTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.postgres(Map.of("reWriteBatchedInserts", "true"));
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.POSTGRESQL;
  }
}
