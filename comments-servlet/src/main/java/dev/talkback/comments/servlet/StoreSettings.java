package dev.talkback.comments.servlet;

import dev.talkback.comments.Comments;
import dev.talkback.comments.CommentsBuilder;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FallbackCommentStoreBuilder;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.fallback.WritePolicy;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InvalidationBus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The init parameters that shape {@code Comments} and the read-only fallback around a factory's store, for a
 * servlet declared in {@code web.xml} with {@code talkback.store-factory}. A bad value is an {@link
 * IllegalArgumentException} that names the parameter.
 */
final class StoreSettings {
  private StoreSettings() {}

  /**
   * The store wrapped in a {@link FallbackCommentStore}, unless {@code talkback.fallback.enabled=off}: reads
   * from the cache and new comments queued in the spool ({@code talkback.spool}) or refused with 503 while
   * the database is down, and a deadline on every store call. Reads go to {@code replicas} (the factory's, such
   * as {@code talkback.fallback.replicas}) while the store is down.
   */
  static CommentStore fallback(CommentStore store, InitParams params, List<CommentReader> replicas) {
    String spool = params.string("talkback.fallback.spool");
    if (spool == null) {
      spool = params.string(WebXmlConfiguration.SPOOL);
    }
    if (!params.flag("talkback.fallback.enabled", true)) {
      if (spool != null) {
        throw new IllegalArgumentException("talkback.fallback.enabled is off, so the spool " + spool
            + " would never be used: remove talkback.spool or turn the fallback on");
      }
      if (!replicas.isEmpty()) {
        throw new IllegalArgumentException("talkback.fallback.enabled is off, so the replicas would never be read:"
            + " remove talkback.fallback.replicas or turn the fallback on");
      }
      return store;
    }
    WritePolicy policy = spool != null ? WritePolicy.SPOOL : WritePolicy.REJECT;
    String p = params.string("talkback.fallback.write-policy");
    if (p != null) {
      policy = switch (p.toLowerCase(Locale.ROOT)) {
        case "spool" -> WritePolicy.SPOOL;
        case "reject" -> WritePolicy.REJECT;
        default -> throw new IllegalArgumentException("talkback.fallback.write-policy must be spool or reject, not '"
            + p + "'");
      };
    }
    if (policy == WritePolicy.SPOOL && spool == null) {
      throw new IllegalArgumentException("talkback.fallback.write-policy is spool but talkback.spool is not set: set"
          + " it to a file on a local disk, or set talkback.fallback.write-policy to reject");
    }
    FallbackCommentStoreBuilder b = FallbackCommentStore.builder().primary(store).writePolicy(policy);
    Duration read = params.duration("talkback.fallback.read-deadline");
    if (read != null) {
      b.readDeadline(read);
    }
    Duration write = params.duration("talkback.fallback.write-deadline");
    if (write != null) {
      b.writeDeadline(write);
    }
    Duration probe = params.duration("talkback.fallback.probe-interval");
    if (probe != null) {
      b.probeInterval(probe);
    }
    Duration retryAfter = params.duration("talkback.fallback.retry-after");
    if (retryAfter != null) {
      b.retryAfter(retryAfter);
    }
    for (CommentReader replica : replicas) {
      b.replica(replica);
    }
    if (spool != null) {
      b.spool(FileWriteSpool.open(Path.of(spool)));
    }
    return b.build();
  }

  /**
   * {@code Comments} on the store, with {@code talkback.moderation}, {@code max-depth} and {@code edit-window},
   * listening on {@code bus} when several nodes share the database ({@code talkback.cluster}).
   */
  static Comments comments(CommentStore store, InitParams params, @Nullable InvalidationBus bus) {
    CommentsBuilder b = Comments.builder().store(store);
    if (bus != null) {
      b.invalidationBus(bus);
    }
    String moderation = params.string("talkback.moderation");
    if (moderation != null) {
      try {
        b.moderation(ModerationMode.valueOf(moderation.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("talkback.moderation must be none, all, first_time or links, not '"
            + moderation + "'", e);
      }
    }
    Long depth = params.number("talkback.max-depth");
    if (depth != null) {
      b.maxDepth((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, depth)));
    }
    Duration editWindow = params.duration("talkback.edit-window");
    if (editWindow != null) {
      b.editWindow(editWindow);
    }
    return b.build();
  }
}
