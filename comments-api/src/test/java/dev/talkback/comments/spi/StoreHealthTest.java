package dev.talkback.comments.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.StoreMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreHealthTest {
  private static final Instant T = Instant.parse("2025-03-01T10:15:30Z");

  private static StoreHealth.Database db(String name, StoreHealth.Role role) {
    return new StoreHealth.Database(name, role, null, role == StoreHealth.Role.PRIMARY, false, 2, "", null);
  }

  @Test
  void readWrite_acceptsNewComments_andReportsNothing() {
    StoreHealth h = StoreHealth.readWrite();
    assertThat(h.mode()).isEqualTo(StoreMode.READ_WRITE);
    assertThat(h.newComments()).isEqualTo(StoreHealth.NewComments.ACCEPTED);
    assertThat(h.since()).isEmpty();
    assertThat(h.reason()).isEmpty();
    assertThat(h.lastError()).isEmpty();
    assertThat(h.databases()).isEmpty();
    assertThat(h.primary()).isEmpty();
    assertThat(h.details()).isEmpty();
    assertThat(h).isEqualTo(StoreHealth.builder(StoreMode.READ_WRITE).build());
  }

  @Test
  void builder_readOnlyWithoutNewComments_refusesThem() {
    assertThat(StoreHealth.builder(StoreMode.READ_ONLY).build().newComments())
        .isEqualTo(StoreHealth.NewComments.REFUSED);
  }

  @Test
  void builder_everyField_keptAsGiven() {
    StoreHealth h = StoreHealth.builder(StoreMode.READ_ONLY).since(T).reason("primary down").lastError("refused")
        .newComments(StoreHealth.NewComments.QUEUED).spoolDepth(3)
        .database(db("a", StoreHealth.Role.PRIMARY)).database(db("b", StoreHealth.Role.REPLICA))
        .detail("probes", "7").build();
    assertThat(h.since()).contains(T);
    assertThat(h.reason()).contains("primary down");
    assertThat(h.lastError()).contains("refused");
    assertThat(h.newComments()).isEqualTo(StoreHealth.NewComments.QUEUED);
    assertThat(h.spoolDepth()).isEqualTo(3);
    assertThat(h.databases()).extracting(StoreHealth.Database::name).containsExactly("a", "b");
    assertThat(h.primary()).map(StoreHealth.Database::name).contains("a");
    assertThat(h.details()).containsExactly(java.util.Map.entry("probes", "7"));
    assertThat(h.toString()).contains("QUEUED");
  }

  @Test
  void builder_newCommentsThatContradictTheMode_refused() {
    assertThatThrownBy(() -> StoreHealth.builder(StoreMode.READ_WRITE).newComments(StoreHealth.NewComments.QUEUED)
        .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-write store accepts");
    assertThatThrownBy(() -> StoreHealth.builder(StoreMode.READ_ONLY).newComments(StoreHealth.NewComments.ACCEPTED)
        .build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_invalidArguments_refusedAtOnce() {
    StoreHealth.Builder b = StoreHealth.builder(StoreMode.READ_ONLY);
    assertThatThrownBy(() -> b.spoolDepth(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.reason(null)).isInstanceOf(NullPointerException.class);
    b.database(db("a", StoreHealth.Role.PRIMARY)).database(db("a", StoreHealth.Role.STANDBY));
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("share a name");
  }

  @Test
  void database_reachableUnlessDown() {
    assertThat(db("a", StoreHealth.Role.PRIMARY).reachable()).isTrue();
    StoreHealth.Database down = new StoreHealth.Database("a", StoreHealth.Role.REPLICA, T, false, false, 0, "", "x");
    assertThat(down.reachable()).isFalse();
    assertThatThrownBy(() -> new StoreHealth.Database("a", StoreHealth.Role.REPLICA, null, false, false, -1, "", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
