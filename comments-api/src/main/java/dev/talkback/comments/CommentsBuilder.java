package dev.talkback.comments;

import dev.talkback.comments.memory.InMemoryBlockStore;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.spi.SpamCheck;
import dev.talkback.comments.spi.ThreadResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link Comments}. Each setter checks its argument at once; {@link #build()} checks that a store was
 * given. Not thread-safe; the built {@code Comments} keeps no reference to the builder.
 */
public final class CommentsBuilder {
  @Nullable CommentStore store;
  Clock clock = Clock.systemUTC();
  @Nullable Supplier<CommentId> ids;
  ContentPolicy contentPolicy = ContentPolicy.defaults();
  ModerationMode moderation = ModerationMode.NONE;
  final List<SpamCheck> spamChecks = new ArrayList<>();
  final List<CommentListener> listeners = new ArrayList<>();
  InvalidationBus bus = InvalidationBus.local();
  int maxDepth = 5;
  Duration editWindow = Duration.ofMinutes(15);
  long cacheMaximumWeight = 64L * 1024 * 1024;
  @Nullable BlockStore blockStore;
  ThreadResolver threadResolver = ThreadResolver.none();

  CommentsBuilder() {}

  /**
   * The store: required. {@link Comments#close()} closes it if it is {@link AutoCloseable}.
   *
   * @param store the store
   * @return this builder
   */
  public CommentsBuilder store(CommentStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * The clock for timestamps and the edit window; the system UTC clock by default.
   *
   * @param clock the clock
   * @return this builder
   */
  public CommentsBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Generates ids of new comments; time-ordered UUIDs (version 7) by default.
   *
   * @param ids the generator; must be thread-safe and never repeat itself
   * @return this builder
   */
  public CommentsBuilder idGenerator(Supplier<CommentId> ids) {
    this.ids = Objects.requireNonNull(ids, "ids");
    return this;
  }

  /**
   * Limits on text and author fields, whether images are allowed, and the excerpt length.
   *
   * @param contentPolicy the policy; {@link ContentPolicy#defaults()} by default
   * @return this builder
   */
  public CommentsBuilder contentPolicy(ContentPolicy contentPolicy) {
    this.contentPolicy = Objects.requireNonNull(contentPolicy, "contentPolicy");
    return this;
  }

  /**
   * Which new comments wait for a moderator.
   *
   * @param moderation the mode; {@link ModerationMode#NONE} by default
   * @return this builder
   */
  public CommentsBuilder moderation(ModerationMode moderation) {
    this.moderation = Objects.requireNonNull(moderation, "moderation");
    return this;
  }

  /**
   * Adds a spam check; checks run in the order added and the harshest verdict wins.
   *
   * @param check the check; must be thread-safe
   * @return this builder
   */
  public CommentsBuilder spamCheck(SpamCheck check) {
    spamChecks.add(Objects.requireNonNull(check, "check"));
    return this;
  }

  /**
   * Adds a listener for posted, approved, edited, deleted, spam and restored events.
   *
   * @param listener the listener; must be thread-safe
   * @return this builder
   */
  public CommentsBuilder listener(CommentListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Carries cache invalidations between nodes.
   *
   * @param bus the bus; {@link InvalidationBus#local()} by default
   * @return this builder
   */
  public CommentsBuilder invalidationBus(InvalidationBus bus) {
    this.bus = Objects.requireNonNull(bus, "bus");
    return this;
  }

  /**
   * Where each site's blocks are kept; checked on every post and edit. By default a new
   * {@link InMemoryBlockStore} for each {@code Comments}, which forgets its blocks on restart; the
   * {@code comments-jdbi} block store keeps them in the database.
   *
   * @param blockStore the block store
   * @return this builder
   */
  public CommentsBuilder blockStore(BlockStore blockStore) {
    this.blockStore = Objects.requireNonNull(blockStore, "blockStore");
    return this;
  }

  /**
   * Where threads' titles, URLs and closed flags come from: the host is authoritative for them, never a
   * reader. Asked on every post (a closed thread refuses it; the answer is stored with the thread) and when a
   * thread's info or page is read. By default {@link ThreadResolver#none()}: threads are described by
   * {@link Comments#saveThread} and by the title and URL of the first {@link NewComment} (which the servlet
   * takes from a reader only when the host signed them).
   *
   * @param resolver the resolver; must be thread-safe
   * @return this builder
   */
  public CommentsBuilder threadResolver(ThreadResolver resolver) {
    this.threadResolver = Objects.requireNonNull(resolver, "resolver");
    return this;
  }

  /**
   * The deepest reply level shown (top-level comments are 0).
   *
   * @param maxDepth 1 to 50, else {@link IllegalArgumentException}; 5 by default
   * @return this builder
   */
  public CommentsBuilder maxDepth(int maxDepth) {
    if (maxDepth < 1 || maxDepth > 50) {
      throw new IllegalArgumentException("maxDepth must be between 1 and 50: " + maxDepth);
    }
    this.maxDepth = maxDepth;
    return this;
  }

  /**
   * How long authors may edit or delete their comments.
   *
   * @param editWindow not negative, else {@link IllegalArgumentException}; 15 minutes by default; zero
   *     disables editing
   * @return this builder
   */
  public CommentsBuilder editWindow(Duration editWindow) {
    Objects.requireNonNull(editWindow, "editWindow");
    if (editWindow.isNegative()) {
      throw new IllegalArgumentException("edit window must not be negative: " + editWindow);
    }
    this.editWindow = editWindow;
    return this;
  }

  /**
   * The read cache's bound, in bytes of heap: cached pages, counts and recent lists, counted object by
   * object, and what callers keep with the pages ({@link Comments#rendering}, the servlet's ready JSON). See
   * docs/api.md for how much a blog needs.
   *
   * @param bytes not negative, else {@link IllegalArgumentException}; 64 MiB by default; 0 disables the cache
   * @return this builder
   */
  public CommentsBuilder cacheMaximumWeight(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("cache maximum weight must not be negative: " + bytes);
    }
    this.cacheMaximumWeight = bytes;
    return this;
  }

  /**
   * Builds the {@link Comments}. Nothing is read from the store: startup never depends on a read.
   *
   * @return a new, independent instance
   * @throws IllegalStateException if no store was given
   */
  public Comments build() {
    CommentStore s = store;
    if (s == null) {
      throw new IllegalStateException("Comments needs a store: call store(...) before build()");
    }
    return new Comments(this, s);
  }
}
