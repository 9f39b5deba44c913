package dev.talkback.comments.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.testing.FaultyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: with standbys, keeping acknowledged comments until replicated is the default; off is explicit. */
class RetainByDefaultTest {
  @TempDir Path dir;

  private final FaultyStore primary = new FaultyStore();
  private final FaultyStore standby = new FaultyStore();
  private final ManualScheduler scheduler = new ManualScheduler();

  /** A probe like PostgresProbe: writable, and reports positions. */
  private static PrimaryProbe withPositions(boolean writable) {
    return new PrimaryProbe() {
      @Override
      public Writability probe() {
        return writable ? Writability.writable(1, "") : Writability.readOnly(1, "in recovery");
      }

      @Override
      public OptionalLong writePosition() {
        return OptionalLong.of(10);
      }

      @Override
      public OptionalLong replayPosition() {
        return OptionalLong.of(10);
      }

      @Override
      public boolean reportsPositions() {
        return true;
      }
    };
  }

  private FallbackCommentStoreBuilder withStandby() {
    return FallbackCommentStore.builder()
        .primary("a", primary, withPositions(true))
        .standby("b", standby, withPositions(false))
        .scheduler(scheduler);
  }

  @Test
  @DisplayName("standbys whose probes report positions: acknowledged comments are kept, in a journal next to the spool")
  void build_standbysWithPositions_retainsByDefault() {
    Path spool = dir.resolve("talkback-spool.log");
    try (FallbackCommentStore store = withStandby().spool(FileWriteSpool.open(spool)).build()) {
      assertThat(store.health().details()).containsKey("replicationJournal.depth");
      assertThat(Files.exists(dir.resolve("talkback-spool.log.replication"))).isTrue();
      store.insert(Fixtures.THREAD, Fixtures.comment("kept until the standby has it"));
      assertThat(store.health().details()).containsEntry("replicationJournal.depth", "1");
    }
  }

  @Test
  @DisplayName("retainUntilReplicated(false) is the explicit way to turn it off")
  void build_retainOff_noJournal() {
    Path spool = dir.resolve("talkback-spool.log");
    try (FallbackCommentStore store =
        withStandby().spool(FileWriteSpool.open(spool)).retainUntilReplicated(false).build()) {
      assertThat(store.health().details()).doesNotContainKey("replicationJournal.depth");
      assertThat(Files.exists(dir.resolve("talkback-spool.log.replication"))).isFalse();
    }
  }

  @Test
  @DisplayName("standbys whose probes cannot report positions (MariaDB): nothing to keep against, so no journal")
  void build_standbysWithoutPositions_noJournal() {
    try (FallbackCommentStore store = FallbackCommentStore.builder()
        .primary("a", primary, () -> Writability.writable(0, ""))
        .standby("b", standby, () -> Writability.readOnly(0, ""))
        .spool(FileWriteSpool.open(dir.resolve("talkback-spool.log")))
        .scheduler(scheduler)
        .build()) {
      assertThat(store.health().details()).doesNotContainKey("replicationJournal.depth");
    }
  }

  @Test
  @DisplayName("no file spool to put the default journal next to: build says to choose")
  void build_noFileSpool_mustChoose() {
    assertThatThrownBy(() -> withStandby().writePolicy(WritePolicy.REJECT).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("retainUntilReplicated(journal)")
        .hasMessageContaining("retainUntilReplicated(false)");
    try (FallbackCommentStore store = withStandby().writePolicy(WritePolicy.REJECT).retainUntilReplicated(false).build()) {
      assertThat(store.health().details()).doesNotContainKey("replicationJournal.depth");
    }
  }
}
