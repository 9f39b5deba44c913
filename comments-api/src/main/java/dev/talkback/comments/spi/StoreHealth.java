package dev.talkback.comments.spi;

import dev.talkback.comments.StoreMode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a store is doing, for {@code Comments.health()} and the servlet's {@code /health}.
 *
 * @param mode whether it takes writes
 * @param since when it entered that mode, or {@code null} if it always was in it
 * @param reason why it is in that mode, or {@code null} when there is nothing to say
 * @param spoolDepth comments waiting in the write spool
 * @param lastError the last failure seen, or {@code null}
 * @param details anything else worth showing an operator, such as the primary and replicas seen
 */
public record StoreHealth(
    StoreMode mode,
    @Nullable Instant since,
    @Nullable String reason,
    long spoolDepth,
    @Nullable String lastError,
    Map<String, String> details) {
  public StoreHealth {
    Objects.requireNonNull(mode, "mode");
    details = Map.copyOf(details);
  }

  /** A store that takes reads and writes and has nothing to report. */
  public static StoreHealth readWrite() {
    return new StoreHealth(StoreMode.READ_WRITE, null, null, 0, null, Map.of());
  }
}
