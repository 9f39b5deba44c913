package dev.talkback.comments.fallback;

import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves {@link RetainedWrites} along once per probe round while read-write: stamps what the primary
 * acknowledged with its write position, and releases what every reachable standby has replayed past.
 *
 * <p>A standby whose probe failed this round (down, frozen, its disk gone) does not hold the journal back:
 * otherwise one dead replica would keep every comment in the journal until the spool is full, and each
 * failover would replay all of it. Entries are released only when at least one standby answered, and
 * then only up to the lowest position among those that did. A failover manager such as Patroni promotes
 * the most advanced reachable replica, which has then replayed everything released.
 */
final class ReplicationTracker {
  private static final Logger log = LoggerFactory.getLogger(ReplicationTracker.class);

  private final RetainedWrites retained;
  private final List<Node> candidates;
  private final Settings settings;

  ReplicationTracker(RetainedWrites retained, List<Node> candidates, Settings settings) {
    this.retained = retained;
    this.candidates = candidates;
    this.settings = settings;
  }

  /** One round with {@code primary} as the primary. Never throws: a failure only delays the release. */
  void track(Node primary) {
    PrimaryProbe primaryProbe = primary.probe;
    if (retained.journal().depth() == 0 || primaryProbe == null) {
      return;
    }
    long sequence = retained.lastSequence(); // before the position: see RetainedWrites
    try {
      OptionalLong written =
          primary.call("its write position", settings.probeDeadline(), primaryProbe::writePosition);
      if (written.isPresent()) {
        retained.stamp(sequence, written.getAsLong());
      }
      long min = Long.MAX_VALUE;
      boolean any = false;
      for (Node c : candidates) {
        PrimaryProbe probe = c.probe;
        if (c == primary || probe == null || !c.up()) {
          continue; // a standby that is down does not hold the journal back (see above)
        }
        OptionalLong replay = c.call("its replay position", settings.probeDeadline(), probe::replayPosition);
        if (replay.isEmpty()) {
          return; // a standby that cannot tell keeps everything: safe
        }
        min = Math.min(min, replay.getAsLong());
        any = true;
      }
      if (any) {
        retained.release(OptionalLong.of(min));
      }
    } catch (RuntimeException e) {
      log.debug("Could not track replication this round: {}", Node.message(e));
    }
  }
}
