package dev.talkback.comments.fallback;

import dev.talkback.comments.StoreMode;
import dev.talkback.comments.spi.StoreHealth;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Assembles a {@link FallbackCommentStore}'s {@link StoreHealth} from its parts. */
final class HealthReport {

  private HealthReport() {}

  static StoreHealth of(ModeState state, Settings settings, List<Node> candidates, List<Node> replicas,
      long highestGeneration, @Nullable WriteSpool spool, @Nullable RetainedWrites retained) {
    StoreMode mode = state.mode();
    StoreHealth.Builder h = StoreHealth.builder(mode)
        .newComments(newComments(mode, settings.policy(), spool))
        .spoolDepth(spool == null ? 0 : spool.depth());
    Instant since = state.since();
    if (since != null) {
      h.since(since);
    }
    String reason = state.reason();
    if (reason != null) {
      h.reason(reason);
    }
    String lastError = state.lastError();
    if (lastError != null) {
      h.lastError(lastError);
    }
    String diskProblem = spool == null ? null : spool.problem().orElse(null);
    if (diskProblem == null && retained != null) {
      diskProblem = retained.journal().problem().map(p -> "replication journal: " + p).orElse(null);
    }
    if (diskProblem != null) {
      h.spoolError(diskProblem);
    }
    Node primary = state.primary();
    for (Node c : candidates) {
      h.database(database(c, c == primary ? StoreHealth.Role.PRIMARY : StoreHealth.Role.STANDBY));
    }
    for (Node r : replicas) {
      h.database(database(r, StoreHealth.Role.REPLICA));
    }
    // for operators only; code reads the typed fields above
    h.detail("writePolicy", settings.policy().name())
        .detail("modeChanges", String.valueOf(state.toReadOnly() + state.toReadWrite()))
        .detail("modeChanges.toReadOnly", String.valueOf(state.toReadOnly()))
        .detail("modeChanges.toReadWrite", String.valueOf(state.toReadWrite()))
        .detail("queued", String.valueOf(state.queued.get()))
        .detail("replayed", String.valueOf(state.replayed.get()))
        .detail("probes", String.valueOf(state.probes.get()));
    if (highestGeneration > 0) {
      h.detail("highestGeneration", String.valueOf(highestGeneration));
    }
    if (spool != null) {
      h.detail("spool", spool.toString()).detail("spool.setAside", String.valueOf(spool.setAsideCount()));
    }
    if (retained != null) {
      h.detail("replicationJournal.depth", String.valueOf(retained.journal().depth()))
          .detail("replicationJournal.failures", String.valueOf(retained.failures()));
    }
    return h.build();
  }

  /** What a new comment meets in {@code mode}: the same decision {@code insert} makes. */
  static StoreHealth.NewComments newComments(StoreMode mode, WritePolicy policy, @Nullable WriteSpool spool) {
    if (mode == StoreMode.READ_WRITE) {
      return StoreHealth.NewComments.ACCEPTED;
    }
    return policy == WritePolicy.SPOOL && spool != null
        ? StoreHealth.NewComments.QUEUED
        : StoreHealth.NewComments.REFUSED;
  }

  private static StoreHealth.Database database(Node n, StoreHealth.Role role) {
    Writability w = n.lastSeen();
    String error = n.lastError();
    return new StoreHealth.Database(n.name, role, n.up() ? null : n.downSince(), w != null && w.writable(),
        n.stale(), w == null ? 0 : w.generation(), w == null ? "" : w.detail(), error);
  }
}
