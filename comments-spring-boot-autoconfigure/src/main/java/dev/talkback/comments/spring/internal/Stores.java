package dev.talkback.comments.spring.internal;

import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FallbackCommentStoreBuilder;
import dev.talkback.comments.fallback.FallbackListener;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.fallback.WritePolicy;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spring.TalkbackProperties;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Wraps the store in the read-only fallback that {@code talkback.fallback.*} describes. */
public final class Stores {
  private Stores() {}

  /**
   * The fallback store around {@code primary}.
   *
   * @param primary the store
   * @param replicas read replicas, in order
   * @param f the fallback settings
   * @param listener hears mode changes, queued and replayed comments
   * @return a running fallback store; closing it leaves {@code primary} open
   * @throws TalkbackConfigurationException if the settings do not fit together
   */
  public static FallbackCommentStore fallback(CommentStore primary, List<CommentReader> replicas,
      TalkbackProperties.Fallback f, FallbackListener listener) {
    Path spool = f.getSpool();
    WritePolicy policy = f.getWritePolicy();
    if (policy == null) {
      policy = spool != null ? WritePolicy.SPOOL : WritePolicy.REJECT;
    }
    if (policy == WritePolicy.SPOOL && spool == null) {
      throw new TalkbackConfigurationException("talkback.fallback.write-policy is SPOOL but talkback.fallback.spool"
          + " is not set.", "Set talkback.fallback.spool to a file on a local disk (such as"
          + " /var/lib/blog/talkback.spool), or set talkback.fallback.write-policy=reject.");
    }
    try {
      FallbackCommentStoreBuilder b = FallbackCommentStore.builder().primary(primary)
          .writePolicy(policy)
          .readDeadline(f.getReadDeadline())
          .writeDeadline(f.getWriteDeadline())
          .probeInterval(f.getProbeInterval())
          .retryAfter(f.getRetryAfter())
          .listener(listener);
      for (int i = 0; i < replicas.size(); i++) {
        b.replica(replicaName(f, i), replicas.get(i));
      }
      if (spool != null) {
        b.spool(FileWriteSpool.open(spool));
      }
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TalkbackConfigurationException("invalid talkback.fallback.* setting: " + e.getMessage(),
          "Correct the talkback.fallback.* settings (docs/spring-boot.md).");
    }
  }

  private static String replicaName(TalkbackProperties.Fallback f, int i) {
    List<TalkbackProperties.Fallback.Replica> r = f.getReplicas();
    @Nullable String name = i < r.size() ? r.get(i).getName() : null;
    if (name == null && i < r.size()) {
      name = r.get(i).getUrl();
    }
    return name != null ? name : "replica-" + (i + 1);
  }
}
