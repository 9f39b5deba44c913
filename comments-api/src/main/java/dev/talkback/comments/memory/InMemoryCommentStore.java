package dev.talkback.comments.memory;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureMode;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.internal.ErasurePlan;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.ChangeEvents;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommentStore} that keeps everything in memory: for a host's own unit tests, for demos and for
 * benchmarks. <b>It is not durable:</b> everything it was given, every comment a reader was told is
 * stored included, is gone when the JVM stops; never use it where comments must be kept. It needs nothing but {@code comments-api}, is threadsafe, and passes the same
 * {@code CommentStoreContract} as the database stores, so a test that passes against it tests real store
 * behaviour: idempotent inserts, keyset pages, optimistic versions, one like per client. Nothing survives
 * the JVM.
 *
 * <pre>{@code
 * InMemoryCommentStore store = new InMemoryCommentStore();
 * Comments comments = Comments.builder().store(store).build();
 * }</pre>
 *
 * <h2>Performance</h2>
 *
 * Each thread keeps its top-level comments sorted for every order, its replies grouped by top-level
 * comment and its approved count, behind its own read-write lock: a page costs a seek plus what it
 * returns, a count is one lookup, and writers to different threads do not wait for each other. Lookups by
 * id go through a concurrent hash map per site.
 *
 * <h2>Simulating an outage</h2>
 *
 * This store has no test hooks. To make it fail or hang, put {@code comments-testkit}'s
 * {@code FaultInjectingStore} in front of it: {@code new FaultInjectingStore(new InMemoryCommentStore())}.
 *
 * <h2>Differences from a database</h2>
 *
 * Like the database stores, it keeps instants to the microsecond (it truncates finer ones). It is stricter
 * than a database without foreign keys: a reply must name a parent stored in the same thread, and its root
 * must be its parent's root.
 */
public final class InMemoryCommentStore implements CommentStore {
  private final ConcurrentHashMap<SiteId, SiteStore> sites = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final @Nullable InMemoryNotificationStore notifications;
  private final @Nullable Clock clock;

  /** An empty store, without an outbox. */
  public InMemoryCommentStore() {
    this.notifications = null;
    this.clock = null;
  }

  private InMemoryCommentStore(Clock clock) {
    this.notifications = new InMemoryNotificationStore();
    this.clock = clock;
  }

  /**
   * An empty store with an outbox and subscriptions ({@link #notifications()}): every insert that creates a
   * comment and every update that changes its text or status enqueues its events
   * ({@code ChangeEvents}) before it returns. Delivered messages are kept until the JVM ends, so this is for
   * tests and demos.
   *
   * @param clock when events happen
   * @return the store
   */
  public static InMemoryCommentStore withNotifications(Clock clock) {
    return new InMemoryCommentStore(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public Optional<NotificationStore> notifications() {
    return Optional.ofNullable(notifications);
  }

  // ---- reads -------------------------------------------------------------------------------------------

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    Entry e = entry(site, id);
    return e == null ? Optional.empty() : Optional.of(e.comment);
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    Objects.requireNonNull(query, "query");
    ThreadStore t = threadStore(query.site(), query.thread());
    return t == null ? ThreadSlice.empty() : t.slice(query);
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(threads, "threads");
    SiteStore s = sites.get(site);
    Map<ThreadKey, Integer> counts = new HashMap<>(Math.max(4, threads.size() * 4 / 3 + 1));
    for (ThreadKey key : threads) {
      Objects.requireNonNull(key, "a thread key in threads");
      ThreadStore t = s == null ? null : s.threads.get(key);
      counts.put(key, t == null ? 0 : t.approved());
    }
    return counts;
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(status, "status");
    checkLimit(limit);
    SiteStore s = sites.get(site);
    return s == null || limit == 0 ? List.of() : s.byStatus(status, limit);
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(authorKey, "authorKey");
    checkLimit(limit);
    SiteStore s = sites.get(site);
    return s == null || limit == 0 ? List.of() : s.byAuthor(authorKey, limit);
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(authorKey, "authorKey");
    SiteStore s = sites.get(site);
    return s != null && s.hasApproved(authorKey);
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(thread, "thread");
    ThreadStore t = threadStore(site, thread);
    return t == null ? Optional.empty() : Optional.of(t.info());
  }

  @Override
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    Objects.requireNonNull(site, "site");
    checkPageLimit(limit);
    SiteStore s = sites.get(site);
    if (s == null) {
      return List.of();
    }
    List<Map.Entry<ThreadKey, ThreadStore>> threads = new ArrayList<>();
    for (Map.Entry<ThreadKey, ThreadStore> e : s.threads.entrySet()) {
      if (after == null || SitePosition.compareKeys(e.getKey().value(), after.thread().value()) >= 0) {
        threads.add(e);
      }
    }
    threads.sort((x, y) -> SitePosition.compareKeys(x.getKey().value(), y.getKey().value()));
    List<Comment> page = new ArrayList<>(Math.min(limit, 256));
    for (Map.Entry<ThreadKey, ThreadStore> e : threads) {
      Entry.Time from = after != null && after.thread().equals(e.getKey())
          ? new Entry.Time(after.created(), after.id()) : null;
      e.getValue().walk(from, limit - page.size(), page);
      if (page.size() >= limit) {
        break;
      }
    }
    return page;
  }

  @Override
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    Objects.requireNonNull(site, "site");
    checkLimit(limit);
    SiteStore s = sites.get(site);
    return s == null ? List.of() : s.erasures(limit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one thread at a time, each under its lock: a reader may see one thread erased and another not
   * yet, never half a thread.
   */
  @Override
  public ErasureRecord eraseAuthor(ErasureRequest request) {
    Objects.requireNonNull(request, "request");
    SiteStore s = sites.computeIfAbsent(request.site(), k -> new SiteStore());
    AuthorMatch who = request.author();
    List<Entry> theirs = new ArrayList<>();
    for (Entry e : s.comments.values()) {
      if (who.matches(e.comment.author())) {
        theirs.add(e);
      }
    }
    Map<CommentId, Comment> byId = new HashMap<>();
    for (Entry e : theirs) {
      byId.put(e.comment.id(), e.comment);
    }
    Map<CommentId, CommentId> replyParents = new HashMap<>();
    for (Entry e : s.comments.values()) {
      e.comment.parentId().filter(byId::containsKey).ifPresent(p -> replyParents.put(e.comment.id(), p));
    }
    boolean delete = request.mode() == ErasureMode.DELETE;
    Set<CommentId> remove = delete ? ErasurePlan.removable(byId.values(), replyParents) : Set.of();
    Map<ThreadStore, List<Entry>> byThread = new LinkedHashMap<>();
    for (Entry e : theirs) {
      byThread.computeIfAbsent(e.thread, k -> new ArrayList<>()).add(e);
    }
    byThread.forEach((t, entries) -> t.erase(s, entries, remove, delete));
    size.addAndGet(-remove.size());
    int kept = theirs.size() - remove.size();
    ErasureRecord r = request.record(remove.size(), delete ? kept : 0, delete ? 0 : kept);
    s.logged(r.at().equals(micros(r.at())) ? r : new ErasureRecord(r.id(), r.site(), micros(r.at()), r.actor(),
        r.mode(), r.byEmail(), r.byUserId(), r.deleted(), r.tombstoned(), r.anonymized()));
    return r;
  }

  // ---- writes ------------------------------------------------------------------------------------------

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the thread is not the comment's, if the comment's version or likes
   *     are not 0, or if a reply's parent is not stored in the same thread under the same root
   */
  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    return insertAll(thread, List.of(Objects.requireNonNull(comment, "comment"))).get(0);
  }

  /**
   * {@inheritDoc} This store takes the thread's lock once for the whole list. Every comment is checked as
   * {@link #insert} checks it before any is stored.
   */
  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(comments, "comments");
    for (Comment c : comments) {
      checkInsertable(thread, Objects.requireNonNull(c, "a comment in comments"));
    }
    if (comments.isEmpty()) {
      return List.of();
    }
    SiteStore s = sites.computeIfAbsent(thread.site(), k -> new SiteStore());
    List<Comment> stored = new ArrayList<>(comments.size());
    for (Comment c : comments) {
      stored.add(micros(c));
    }
    checkParents(s, stored);
    ThreadStore t = s.threads.computeIfAbsent(thread.key(), k -> new ThreadStore(thread));
    List<InsertResult> results = t.insert(s, stored);
    int created = 0;
    for (InsertResult r : results) {
      if (r.outcome() == InsertResult.Outcome.CREATED) {
        created++;
        if (notifications != null && clock != null) {
          notifications.enqueueAll(ChangeEvents.of(null, r.comment(), micros(clock.instant())));
        }
      }
    }
    size.addAndGet(created);
    return results;
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    Objects.requireNonNull(updated, "updated");
    SiteStore s = sites.get(updated.site());
    Entry e = s == null ? null : s.comments.get(updated.id());
    if (s == null || e == null) {
      throw new CommentNotFoundException(updated.id());
    }
    InMemoryNotificationStore outbox = notifications;
    if (outbox == null || clock == null) {
      return e.thread.update(s, e, updated, expectedVersion);
    }
    // one monitor for the comparison and the update, so the events describe exactly this change
    synchronized (outbox) {
      Comment before = e.comment;
      Comment after = e.thread.update(s, e, updated, expectedVersion);
      outbox.enqueueAll(ChangeEvents.of(before, after, micros(clock.instant())));
      return after;
    }
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientKey, "clientKey");
    if (clientKey.isEmpty()) {
      throw new IllegalArgumentException("clientKey must not be empty: give a user id or a cookie hash");
    }
    Entry e = entry(site, id);
    if (e == null) {
      throw new CommentNotFoundException(id);
    }
    return e.thread.like(e, clientKey);
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    Objects.requireNonNull(thread, "thread");
    SiteStore s = sites.computeIfAbsent(thread.site(), k -> new SiteStore());
    ThreadStore t = s.threads.putIfAbsent(thread.key(), new ThreadStore(thread));
    if (t != null) {
      t.info(thread);
    }
  }

  // ---- size ------------------------------------------------------------------------------------------

  /**
   * How many comments are stored, over all sites and statuses: what a demo shows and a test of "nothing was
   * stored" asserts. A counter kept on every insert, so it costs nothing.
   *
   * @return the number of comments stored
   */
  public int size() {
    return size.get();
  }

  @Override
  public String toString() {
    return "InMemoryCommentStore{size=" + size.get() + "}";
  }

  // ---- helpers -----------------------------------------------------------------------------------------

  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static Comment micros(Comment c) {
    Instant created = micros(c.created());
    Instant edited = c.edited().map(InMemoryCommentStore::micros).orElse(null);
    if (created.equals(c.created()) && Objects.equals(edited, c.edited().orElse(null))) {
      return c;
    }
    return c.toBuilder().created(created).edited(edited).build();
  }

  private static void checkInsertable(ThreadInfo thread, Comment c) {
    if (!thread.site().equals(c.site()) || !thread.key().equals(c.thread())) {
      throw new IllegalArgumentException("comment " + c.id() + " belongs to thread '" + c.thread() + "' of site "
          + c.site() + ", not to the thread given: '" + thread.key() + "' of site " + thread.site());
    }
    if (c.version() != 0 || c.likes() != 0) {
      throw new IllegalArgumentException("comment " + c.id() + " must be new (version 0, likes 0) to be inserted;"
          + " it has version " + c.version() + " and " + c.likes() + " likes; use update() to change a stored one");
    }
  }

  /**
   * Each new reply's parent must be stored in its thread, or come earlier in the same batch. A comment
   * already stored is not checked: inserting it again returns the stored one, whatever was given.
   */
  private static void checkParents(SiteStore s, List<Comment> batch) {
    Map<CommentId, Comment> earlier = batch.size() == 1 ? Map.of() : new HashMap<>();
    for (Comment c : batch) {
      if (!c.isTopLevel() && !s.comments.containsKey(c.id())) {
        CommentId parentId = c.parentId().orElseThrow();
        Comment parent = earlier.get(parentId);
        if (parent == null) {
          Entry stored = s.comments.get(parentId);
          parent = stored == null ? null : stored.comment;
        }
        if (parent == null || !parent.thread().equals(c.thread())) {
          throw new IllegalArgumentException("reply " + c.id() + " names parent " + parentId + ", which is not"
              + " stored in thread '" + c.thread() + "'; insert parents before their replies");
        }
        if (!parent.rootId().equals(c.rootId())) {
          throw new IllegalArgumentException("reply " + c.id() + " has root " + c.rootId() + " but its parent "
              + parentId + " has root " + parent.rootId() + "; a reply's root is its parent's root");
        }
      }
      if (batch.size() > 1) {
        earlier.put(c.id(), c);
      }
    }
  }

  private static void checkPageLimit(int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1 to 10,000: " + limit);
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  private @Nullable Entry entry(SiteId site, CommentId id) {
    SiteStore s = sites.get(site);
    return s == null ? null : s.comments.get(id);
  }

  private @Nullable ThreadStore threadStore(SiteId site, ThreadKey thread) {
    SiteStore s = sites.get(site);
    return s == null ? null : s.threads.get(thread);
  }
}
