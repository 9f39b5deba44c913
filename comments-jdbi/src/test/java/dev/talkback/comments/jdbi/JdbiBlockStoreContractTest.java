package dev.talkback.comments.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Block;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.testkit.BlockStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The block contract on one database, plus what only a database-backed store promises: blocks outlive the
 * store instance and are shared by every store on the database. One comment store for the whole class, in a
 * database of its own created at the first test and dropped after the last; the contract gives each test
 * fresh sites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbiBlockStoreContractTest extends BlockStoreContract {
  /** When every block of this class is added: the store's injected clock. */
  private static final Instant ADDED = Instant.parse("2024-05-06T07:08:09.123456Z");

  private TestDatabase database;
  private JdbiCommentStore store;

  /** A new, empty database of this class's kind. */
  protected abstract TestDatabase newDatabase();

  @Override
  protected BlockStore createBlockStore() {
    if (store == null) {
      database = newDatabase();
      store = JdbiCommentStore.builder(database.dataSource()).clock(Clock.fixed(ADDED, ZoneOffset.UTC)).build();
    }
    return store.blockStore();
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void blocks_outliveTheStore_andAreSharedByEveryStoreOnTheDatabase() {
    Block block = Block.authorKey("user:restarted");
    assertThat(store().add(site(), block)).isTrue();

    // A restarted application, or a second node: a new store on the same database.
    BlockStore otherNode = JdbiCommentStore.builder(database.dataSource()).build().blockStore();
    assertThat(otherNode.anyBlocked(site(), List.of(block))).isTrue();
    assertThat(otherNode.list(site())).containsExactly(block);
    assertThat(otherNode.add(site(), block)).as("already added by the first node").isFalse();

    assertThat(otherNode.remove(site(), block)).isTrue();
    assertThat(store().anyBlocked(site(), List.of(block))).as("lifted on the other node").isFalse();
  }

  @Test
  void add_recordsWhenFromTheStoresClock() {
    store().add(site(), Block.ipHash("stamped"));

    long created = Jdbi.create(database.dataSource()).withHandle(h -> h
        .createQuery("SELECT created_us FROM talkback_blocks WHERE site = :site AND kind = 'IP_HASH'")
        .bind("site", site().value())
        .mapTo(Long.class)
        .one());
    assertThat(created).isEqualTo(ADDED.getEpochSecond() * 1_000_000L + ADDED.getNano() / 1_000);
  }

  @Test
  void add_valueNoDatabaseCanKeep_isRefused_andNeverMatches() {
    Block nul = Block.authorKey("user:a\u0000b");
    Block surrogate = Block.ipHash("x\uD800y");

    assertThatThrownBy(() -> store().add(site(), nul)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> store().add(site(), surrogate)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
    assertThat(store().anyBlocked(site(), List.of(nul, surrogate))).isFalse();
    assertThat(store().remove(site(), nul)).isFalse();
    assertThat(store().list(site())).isEmpty();
  }

  @Test
  void blockStore_isOnePerCommentStore_andUsesItsTablePrefix() {
    assertThat(store.blockStore()).isSameAs(store.blockStore());

    JdbiCommentStore prefixed = JdbiCommentStore.builder(database.dataSource()).tablePrefix("tb_").build();
    Block block = Block.email("prefixed@example.org");
    assertThat(prefixed.blockStore().add(site(), block)).isTrue();

    assertThat(store().anyBlocked(site(), List.of(block))).as("talkback_ tables").isFalse();
    int rows = Jdbi.create(database.dataSource()).withHandle(h -> h
        .createQuery("SELECT COUNT(*) FROM tb_blocks WHERE site = :site")
        .bind("site", site().value())
        .mapTo(Integer.class)
        .one());
    assertThat(rows).isEqualTo(1);
    assertThat(prefixed.blockStore().toString()).contains("tb_");
  }
}
