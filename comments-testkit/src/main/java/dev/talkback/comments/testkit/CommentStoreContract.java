package dev.talkback.comments.testkit;

import dev.talkback.comments.spi.CommentStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suite every {@link CommentStore} must pass: the executable form of the Javadoc of
 * {@link dev.talkback.comments.spi.CommentReader} and {@link CommentStore}. The in-memory store, the JDBI
 * store on H2, PostgreSQL and MariaDB, and the fallback store run it; so should yours, and so should a
 * wrapper (a store that adds metrics, sharding or encryption in front of another).
 *
 * <p>Extend it in your test sources and return your store from {@link #createStore()}; that one small class
 * runs every group:
 *
 * <pre>{@code
 * class RedisCommentStoreContractTest extends CommentStoreContract {
 *   private static final RedisCommentStore STORE = new RedisCommentStore(RedisClient.create("redis://localhost"));
 *
 *   @Override
 *   public CommentStore createStore() {
 *     return STORE; // one store for every test is fine: each test writes under its own random site
 *   }
 * }
 * }</pre>
 *
 * <p>The suite is composed the way Micrometer composes its compatibility kit: each feature group is a
 * JUnit 5 interface whose tests are {@code default} methods ({@link InsertAndFindContract},
 * {@link IdempotentInsertContract}, {@link ThreadingContract}, {@link PaginationContract},
 * {@link CountsContract}, {@link UpdateContract}, {@link LikesContract}, {@link QueriesContract},
 * {@link ConcurrencyContract}, {@link SiteIsolationContract}), and this class holds one {@link Nested}
 * class per group. A test receives a {@link ContractContext} (the store, a random site, a clock and the
 * helpers), resolved from the nearest enclosing {@link StoreFixture}: this class is one. A store that
 * should run only some groups implements {@code StoreFixture} and nests just those (see
 * {@link StoreFixture}).
 *
 * <p>Every test writes under a fresh random {@link dev.talkback.comments.SiteId}, so tests never see each
 * other's data, and a store may keep one database for the whole run, or for every run: nothing is deleted.
 * Some tests write from eight threads at once, so a store backed by a connection pool wants at least eight
 * connections to show its real behaviour.
 *
 * <p>The suite is tagged {@code contract} and each group {@code contract-<group>} ({@code contract-pagination},
 * {@code contract-concurrency}, ...), so one group can be run alone: {@code mvn test
 * -Dtest=MyStoreContractTest -Dgroups=contract-pagination}. A failure message starts with the concrete test
 * class and the test's site, since build tools report inherited nested tests under this class's name.
 * Tests of your own in a subclass may take a {@link ContractContext} parameter too.
 */
@Tag("contract")
@ExtendWith(ContractExtension.class)
public abstract class CommentStoreContract implements StoreFixture {

  /** For subclasses. */
  protected CommentStoreContract() {}

  /**
   * The store under test. Called before each test; may return the same instance every time. Each test uses
   * its own random site, so data never collides.
   *
   * @return the store, never null
   */
  @Override
  public abstract CommentStore createStore();

  /** {@link InsertAndFindContract} for this class's store. */
  @Nested
  class InsertAndFind implements InsertAndFindContract {}

  /** {@link IdempotentInsertContract} for this class's store. */
  @Nested
  class IdempotentInsert implements IdempotentInsertContract {}

  /** {@link ThreadingContract} for this class's store. */
  @Nested
  class Threading implements ThreadingContract {}

  /** {@link PaginationContract} for this class's store. */
  @Nested
  class Pagination implements PaginationContract {}

  /** {@link CountsContract} for this class's store. */
  @Nested
  class Counts implements CountsContract {}

  /** {@link UpdateContract} for this class's store. */
  @Nested
  class Update implements UpdateContract {}

  /** {@link LikesContract} for this class's store. */
  @Nested
  class Likes implements LikesContract {}

  /** {@link QueriesContract} for this class's store. */
  @Nested
  class Queries implements QueriesContract {}

  /** {@link ConcurrencyContract} for this class's store. */
  @Nested
  class Concurrency implements ConcurrencyContract {}

  /** {@link SiteWalkContract} for this class's store. */
  @Nested
  class SiteWalk implements SiteWalkContract {}

  /** {@link ErasureContract} for this class's store. */
  @Nested
  class Erasure implements ErasureContract {}

  /** {@link SiteIsolationContract} for this class's store. */
  @Nested
  class SiteIsolation implements SiteIsolationContract {}
}
