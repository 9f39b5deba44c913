package dev.talkback.comments;

import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.internal.Cursors;
import dev.talkback.comments.internal.EditTokens;
import dev.talkback.comments.internal.ReadCache;
import dev.talkback.comments.internal.TimeOrderedIds;
import dev.talkback.comments.internal.TreeAssembler;
import dev.talkback.comments.internal.text.Rendered;
import dev.talkback.comments.internal.text.TextPipeline;
import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.spi.Keyset;
import dev.talkback.comments.spi.SpamCheck;
import dev.talkback.comments.spi.SpamVerdict;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point a host uses: post, read, count, edit, like and moderate comments. Build one per blog
 * platform with {@link #builder()}; two blogs in one JVM each build their own. Thread-safe.
 *
 * <pre>{@code
 * Comments comments = Comments.builder()
 *     .store(new InMemoryCommentStore())          // or a JdbiCommentStore, or a FallbackCommentStore
 *     .moderation(ModerationMode.FIRST_TIME)
 *     .build();
 *
 * PostResult posted = comments.post(NewComment.builder(ThreadKey.of("posts/hello"))
 *     .threadTitle("Hello")
 *     .author(Author.named("Ada").withEmail("ada@example.org"))
 *     .text("Lovely **post**.")
 *     .format(Format.MARKDOWN)
 *     .build());
 *
 * ThreadPage page = comments.thread(SiteId.DEFAULT, ThreadKey.of("posts/hello"), ThreadPageRequest.DEFAULT);
 * }</pre>
 *
 * <p>A post is validated, normalized, rendered, sanitized, checked for spam, given a moderation status,
 * stored, and then the thread's cached pages are invalidated and listeners told. Reads are served from a
 * weight-bounded cache of assembled pages; when the store cannot be reached the last page read is served,
 * marked {@linkplain ThreadPage#stale() stale}, rather than failing.
 */
public final class Comments implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Comments.class);

  /** The statuses a thread read asks the store for: approved ones, and hidden ones that may be tombstones. */
  private static final Set<CommentStatus> THREAD_STATUSES = EnumSet.of(CommentStatus.APPROVED, CommentStatus.DELETED, CommentStatus.SPAM);

  private final CommentStore store;
  private final Clock clock;
  private final Supplier<CommentId> ids;
  private final TextPipeline text;
  private final ModerationMode moderation;
  private final List<SpamCheck> spamChecks;
  private final List<CommentListener> listeners;
  private final InvalidationBus bus;
  private final TreeAssembler assembler;
  private final Duration editWindow;
  private final ReadCache cache;
  private final Blocklist blocklist;

  private Comments(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.ids = b.ids != null ? b.ids : new TimeOrderedIds(b.clock);
    this.text = new TextPipeline(b.contentPolicy);
    this.moderation = b.moderation;
    this.spamChecks = List.copyOf(b.spamChecks);
    this.listeners = List.copyOf(b.listeners);
    this.bus = b.bus;
    this.assembler = new TreeAssembler(b.maxDepth);
    this.editWindow = b.editWindow;
    this.cache = new ReadCache(b.cacheMaximumWeight);
    this.blocklist = b.blocklist;
    bus.subscribe(this::invalidateLocally);
  }

  /** A builder; only {@link Builder#store} is required. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- posting

  /**
   * Posts a new comment or reply.
   *
   * @throws CommentValidationException listing every bad field (nothing is stored)
   * @throws ThreadClosedException if the thread no longer takes comments
   * @throws CommentRejectedException if a spam check or the blocklist refused it
   * @throws ReadOnlyException if the store is read-only and refuses writes
   * @throws StoreUnavailableException if the store cannot be reached and has no spool
   */
  public PostResult post(NewComment c) {
    Objects.requireNonNull(c, "comment");
    List<Violation> violations = new ArrayList<>();
    Author author = text.normalizeAuthor(c.author(), violations);
    Rendered body = text.render(c.text(), c.format(), violations);
    String title = text.normalize(c.threadTitle()).strip();
    if (title.length() > 300) {
      violations.add(new Violation("threadTitle", "must be at most 300 characters (it has " + title.length() + ")"));
    }
    if (!violations.isEmpty()) {
      throw new CommentValidationException(violations);
    }
    SiteId site = c.site();
    ThreadKey key = c.thread();

    // The reads before the insert degrade when the store cannot be read, so that a store in read-only
    // mode can still queue the comment: the insert is idempotent, an unknown thread is taken as open,
    // an unknown author as untrusted, and a parent is looked for in the cached pages.
    if (c.id().isPresent()) {
      Optional<Comment> existing = readOr(() -> store.find(site, c.id().get()), Optional.empty());
      if (existing.isPresent()) {
        return repeated(existing.get(), c);
      }
    }

    ThreadInfo thread = readOr(() -> store.threadInfo(site, key), cachedInfo(site, key))
        .orElseGet(() -> new ThreadInfo(site, key, title, c.threadUrl().orElse(null), false));
    if (thread.closed()) {
      throw new ThreadClosedException(key);
    }
    CommentId rootId = null;
    if (c.parentId().isPresent()) {
      CommentId parentId = c.parentId().get();
      Optional<Comment> found;
      try {
        found = store.find(site, parentId);
      } catch (StoreUnavailableException e) {
        found = cachedComment(site, key, parentId);
        if (found.isEmpty()) {
          throw e;
        }
      }
      Comment parent = found
          .filter(p -> p.thread().equals(key))
          .orElseThrow(() -> CommentValidationException.of("parentId",
              "no comment " + parentId + " in thread '" + key + "' to reply to"));
      if (parent.status() != CommentStatus.APPROVED) {
        throw CommentValidationException.of("parentId",
            "comment " + parent.id() + " is not visible (it is " + parent.status().name().toLowerCase()
                + "), so it cannot be replied to");
      }
      rootId = parent.rootId();
    }
    if (blocklist.isBlocked(author, c.ipHash().orElse(null))) {
      throw new CommentRejectedException("the author is blocked");
    }

    String token = EditTokens.generate();
    CommentId id = c.id().orElseGet(ids);
    Comment comment = Comment.builder()
        .id(id)
        .site(site)
        .thread(key)
        .parentId(c.parentId().orElse(null))
        .rootId(rootId)
        .author(author)
        .source(body.source())
        .format(c.format())
        .html(body.html())
        .status(initialStatus(site, author, body))
        .created(now())
        .editTokenHash(EditTokens.hash(token))
        .ipHash(c.ipHash().orElse(null))
        .build();

    SpamVerdict verdict = checkSpam(comment, body);
    String reason = null;
    if (verdict.action() == SpamVerdict.Action.REJECT) {
      throw new CommentRejectedException(verdict.reason());
    }
    if (verdict.action() == SpamVerdict.Action.MODERATE) {
      comment = comment.toBuilder().status(CommentStatus.PENDING).build();
      reason = verdict.reason();
    }

    InsertResult result = store.insert(thread, comment);
    Comment stored = result.comment();
    switch (result.outcome()) {
      case EXISTING:
        return repeated(stored, c);
      case QUEUED:
        changed(stored);
        notify(l -> l.onPosted(stored));
        return PostResult.of(stored, PostResult.Outcome.QUEUED, token, reason);
      default:
        changed(stored);
        notify(l -> l.onPosted(stored));
        return PostResult.of(stored, outcomeOf(stored), token, reason);
    }
  }

  private PostResult repeated(Comment existing, NewComment c) {
    if (!existing.thread().equals(c.thread())) {
      throw CommentValidationException.of("id", "comment id " + existing.id() + " is already used in another thread");
    }
    return PostResult.of(existing, outcomeOf(existing), null, null);
  }

  private static PostResult.Outcome outcomeOf(Comment c) {
    return c.status() == CommentStatus.APPROVED ? PostResult.Outcome.PUBLISHED : PostResult.Outcome.PENDING;
  }

  private CommentStatus initialStatus(SiteId site, Author author, Rendered body) {
    switch (moderation) {
      case ALL:
        return CommentStatus.PENDING;
      case LINKS:
        return body.linkCount() > 0 ? CommentStatus.PENDING : CommentStatus.APPROVED;
      case FIRST_TIME:
        boolean trusted = author.key().map(k -> readOr(() -> store.hasApproved(site, k), false)).orElse(false);
        return trusted ? CommentStatus.APPROVED : CommentStatus.PENDING;
      case NONE:
      default:
        return CommentStatus.APPROVED;
    }
  }

  private SpamVerdict checkSpam(Comment comment, Rendered body) {
    SpamVerdict worst = SpamVerdict.accept();
    SpamCheck.Candidate candidate = new SpamCheck.Candidate(comment, body.text(), body.linkCount());
    for (SpamCheck check : spamChecks) {
      SpamVerdict v = Objects.requireNonNull(check.check(candidate), "a spam check returned null");
      if (v.action().compareTo(worst.action()) > 0) {
        worst = v;
      }
      if (worst.action() == SpamVerdict.Action.REJECT) {
        break;
      }
    }
    return worst;
  }

  /** The result of a read, or {@code fallback} if the store cannot be reached. */
  private static <T> T readOr(Supplier<T> read, T fallback) {
    try {
      return read.get();
    } catch (StoreUnavailableException e) {
      log.debug("store unavailable for a read before a post; going on with what is known", e);
      return fallback;
    }
  }

  /** The thread's info as the cached pages last saw it. */
  private Optional<ThreadInfo> cachedInfo(SiteId site, ThreadKey key) {
    ThreadScope scope = new ThreadScope(site, key);
    return cache.<PageKey, ThreadPage>values(PageKey.class, k -> k.scope.equals(scope)).stream()
        .map(ThreadPage::info).flatMap(Optional::stream).findFirst();
  }

  /** A visible comment as the cached pages of its thread last saw it. */
  private Optional<Comment> cachedComment(SiteId site, ThreadKey key, CommentId id) {
    ThreadScope scope = new ThreadScope(site, key);
    for (ThreadPage page : cache.<PageKey, ThreadPage>values(PageKey.class, k -> k.scope.equals(scope))) {
      Optional<Comment> c = findIn(page.comments(), id);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<Comment> findIn(List<CommentNode> nodes, CommentId id) {
    for (CommentNode n : nodes) {
      if (n.comment().id().equals(id)) {
        return n.tombstone() ? Optional.empty() : Optional.of(n.comment());
      }
      Optional<Comment> c = findIn(n.replies(), id);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** Renders text as a post would, without storing anything: for a live preview. */
  public Preview preview(String source, Format format) {
    Rendered r = text.render(source, format);
    return new Preview(r.html(), r.text(), r.linkCount());
  }

  // ---------------------------------------------------------------- reading

  /**
   * One page of a thread, assembled into a tree: top-level comments in {@code page.sort()} order with all
   * their replies. Served from the cache while the thread is unchanged; when the store cannot be read, the
   * last page read is returned marked {@linkplain ThreadPage#stale() stale}.
   *
   * @throws CommentValidationException on field {@code cursor} if the cursor is not one this server issued
   * @throws StoreUnavailableException if the store cannot be read and nothing is cached
   */
  public ThreadPage thread(SiteId site, ThreadKey thread, ThreadPageRequest page) {
    ThreadScope scope = new ThreadScope(site, thread);
    ReadCache.Result<ThreadPage> r = cache.get(new PageKey(scope, page), scope,
        () -> loadPage(scope, page), Comments::weigh);
    return r.stale() ? r.value().asStale() : r.value();
  }

  private ThreadPage loadPage(ThreadScope scope, ThreadPageRequest page) {
    Keyset after = page.cursor() == null ? null : Cursors.decode(page.sort(), page.cursor());
    ThreadSlice slice = store.thread(
        new ThreadQuery(scope.site, scope.key, page.sort(), after, page.limit() + 1, THREAD_STATUSES));
    List<Comment> roots = slice.roots();
    List<Comment> replies = slice.replies();
    String next = null;
    if (roots.size() > page.limit()) {
      Comment extra = roots.get(page.limit());
      roots = roots.subList(0, page.limit());
      replies = withoutRoot(replies, extra.id());
      Comment last = roots.get(roots.size() - 1);
      next = Cursors.encode(page.sort(), keyset(page.sort(), last));
    }
    Optional<ThreadInfo> info = store.threadInfo(scope.site, scope.key);
    int total = count(scope);
    return new ThreadPage(scope.site, scope.key, info, assembler.assemble(roots, replies), Optional.ofNullable(next),
        total, false);
  }

  private static List<Comment> withoutRoot(List<Comment> replies, CommentId root) {
    List<Comment> out = new ArrayList<>(replies.size());
    for (Comment r : replies) {
      if (!r.rootId().equals(root)) {
        out.add(r);
      }
    }
    return out;
  }

  private static Keyset keyset(CommentSort sort, Comment c) {
    return new Keyset(sort == CommentSort.TOP ? c.likes() : 0, c.created(), c.id());
  }

  private int count(ThreadScope scope) {
    return counts(scope.site, List.of(scope.key)).get(scope.key);
  }

  /**
   * The number of approved comments of each thread, in one call: for blog index pages ("12 comments").
   * Every key asked for is in the result.
   *
   * @throws StoreUnavailableException if the store cannot be read and some count was never cached
   */
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    Map<ThreadKey, Integer> out = new LinkedHashMap<>(Math.max(16, threads.size() * 2));
    Map<ThreadKey, ReadCache.Result<Integer>> outdated = new LinkedHashMap<>();
    for (ThreadKey k : threads) {
      ThreadScope scope = new ThreadScope(site, k);
      ReadCache.Result<Integer> r = cache.peek(new CountKey(scope), scope);
      if (r != null && !r.stale()) {
        out.put(k, r.value());
      } else {
        out.put(k, null);
        outdated.put(k, r);
      }
    }
    if (outdated.isEmpty()) {
      return out;
    }
    Map<ThreadKey, Long> versions = new LinkedHashMap<>();
    for (ThreadKey k : outdated.keySet()) {
      versions.put(k, cache.version(new ThreadScope(site, k)));
    }
    Map<ThreadKey, Integer> loaded;
    try {
      loaded = store.counts(site, outdated.keySet());
    } catch (StoreUnavailableException e) {
      for (Map.Entry<ThreadKey, ReadCache.Result<Integer>> o : outdated.entrySet()) {
        if (o.getValue() == null) {
          throw e;
        }
        out.put(o.getKey(), o.getValue().value());
      }
      cache.countStale();
      return out;
    }
    for (ThreadKey k : outdated.keySet()) {
      int n = loaded.getOrDefault(k, 0);
      out.put(k, n);
      ThreadScope scope = new ThreadScope(site, k);
      if (cache.version(scope) == versions.get(k)) {
        cache.put(new CountKey(scope), scope, n, 64);
      }
    }
    return out;
  }

  /** The newest approved comments of a site, newest first (a "recent comments" box, a site feed). */
  public List<Comment> recent(SiteId site, int limit) {
    checkLimit(limit);
    SiteScope scope = new SiteScope(site);
    return cache.get(new RecentKey(site, limit), scope,
        () -> store.byStatus(site, CommentStatus.APPROVED, limit), Comments::weigh).value();
  }

  /** The comment with this id, whatever its status. */
  public Optional<Comment> find(SiteId site, CommentId id) {
    return store.find(site, id);
  }

  /** A thread's title, URL and closed flag. */
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    return store.threadInfo(site, thread);
  }

  /** Creates or changes a thread's title, URL or closed flag. */
  public void saveThread(ThreadInfo info) {
    store.saveThread(info);
    changed(info.site(), info.key());
  }

  // ---------------------------------------------------------------- authors' own changes

  /**
   * Lets an author change the text of their comment within the edit window. The text is rendered in the
   * comment's format and checked for spam again: a comment that now needs moderation goes back to pending.
   *
   * @throws EditNotAllowedException if the token is wrong or the window has passed
   * @throws CommentNotFoundException if there is no such comment, or it was deleted
   */
  public Comment edit(SiteId site, CommentId id, String editToken, String newText) {
    Comment c = authorsOwn(site, id, editToken);
    Rendered body = text.render(newText, c.format());
    Comment changed = c.toBuilder().source(body.source()).html(body.html()).edited(now()).version(c.version() + 1)
        .build();
    SpamVerdict verdict = checkSpam(changed, body);
    if (verdict.action() == SpamVerdict.Action.REJECT) {
      throw new CommentRejectedException(verdict.reason());
    }
    boolean holdForLinks = moderation == ModerationMode.LINKS && body.linkCount() > 0;
    if (verdict.action() == SpamVerdict.Action.MODERATE || holdForLinks || moderation == ModerationMode.ALL) {
      changed = changed.toBuilder().status(CommentStatus.PENDING).build();
    }
    Comment stored = store.update(changed, c.version());
    changed(stored);
    notify(l -> l.onEdited(stored));
    return stored;
  }

  /**
   * Lets an author delete their comment within the edit window. It stays as a tombstone while it has
   * replies.
   *
   * @throws EditNotAllowedException if the token is wrong or the window has passed
   * @throws CommentNotFoundException if there is no such comment, or it was already deleted
   */
  public Comment delete(SiteId site, CommentId id, String editToken) {
    Comment c = authorsOwn(site, id, editToken);
    Comment stored = store.update(c.toBuilder().status(CommentStatus.DELETED).version(c.version() + 1).build(), c.version());
    changed(stored);
    notify(l -> l.onDeleted(stored));
    return stored;
  }

  /** Whether the author of {@code c} may still edit or delete it (the window has not passed). */
  public boolean withinEditWindow(Comment c) {
    return !now().isAfter(c.created().plus(editWindow));
  }

  private Comment authorsOwn(SiteId site, CommentId id, String editToken) {
    Objects.requireNonNull(editToken, "editToken");
    Comment c = store.find(site, id).filter(x -> x.status() != CommentStatus.DELETED)
        .orElseThrow(() -> new CommentNotFoundException(id));
    if (c.editTokenHash().isEmpty() || !EditTokens.matches(editToken, c.editTokenHash().get())) {
      throw EditNotAllowedException.invalidToken(id);
    }
    if (!withinEditWindow(c)) {
      throw EditNotAllowedException.windowExpired(id, editWindow);
    }
    return c;
  }

  /**
   * Records that a client likes an approved comment; a client's second like changes nothing.
   *
   * @param clientKey a stable key of the client: a user id, or a hash of a cookie
   * @return the comment's likes now
   * @throws CommentNotFoundException if there is no such approved comment
   */
  public int like(SiteId site, CommentId id, String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    if (clientKey.isBlank() || clientKey.length() > 200) {
      throw CommentValidationException.of("clientKey", "must be 1 to 200 characters");
    }
    Comment c = store.find(site, id).filter(x -> x.status() == CommentStatus.APPROVED)
        .orElseThrow(() -> new CommentNotFoundException(id));
    int likes = store.like(site, id, clientKey);
    changed(c);
    return likes;
  }

  // ---------------------------------------------------------------- moderation

  /** Publishes a comment. */
  public Comment approve(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.APPROVED, CommentListener::onApproved);
  }

  /** Hides a comment as spam. */
  public Comment markSpam(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.SPAM, CommentListener::onMarkedSpam);
  }

  /** Deletes a comment as a moderator, whatever the edit window. */
  public Comment remove(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.DELETED, CommentListener::onDeleted);
  }

  /** Publishes again a comment that was deleted or marked as spam. */
  public Comment restore(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.APPROVED, CommentListener::onRestored);
  }

  private Comment moderate(SiteId site, CommentId id, CommentStatus status,
      java.util.function.BiConsumer<CommentListener, Comment> event) {
    for (int attempt = 0; ; attempt++) {
      Comment c = store.find(site, id).orElseThrow(() -> new CommentNotFoundException(id));
      if (c.status() == status) {
        return c;
      }
      try {
        Comment stored = store.update(c.toBuilder().status(status).version(c.version() + 1).build(), c.version());
        changed(stored);
        notify(l -> event.accept(l, stored));
        return stored;
      } catch (ConcurrentEditException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** The moderation queue: pending comments of a site, newest first. */
  public List<Comment> pending(SiteId site, int limit) {
    return byStatus(site, CommentStatus.PENDING, limit);
  }

  /** Comments of a site with a status, newest first. */
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    checkLimit(limit);
    return store.byStatus(site, status, limit);
  }

  /** An author's comments (by {@link Author#key()}), any status, newest first. */
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    checkLimit(limit);
    return store.byAuthor(site, authorKey, limit);
  }

  /** The authors whose comments are refused; moderators may add to it at run time. */
  public Blocklist blocklist() {
    return blocklist;
  }

  // ---------------------------------------------------------------- the rest

  /** The store's mode and the cache's statistics. */
  public CommentsHealth health() {
    return new CommentsHealth(store.health(), cache.statistics());
  }

  /** A plain-text excerpt of a comment, for feeds and notifications. */
  public String excerpt(Comment c) {
    return text.excerpt(c.html());
  }

  /** How long authors may edit or delete their comments. */
  public Duration editWindow() {
    return editWindow;
  }

  /** The clock this instance tells time by. */
  public Clock clock() {
    return clock;
  }

  /** What comment text may contain. */
  public ContentPolicy contentPolicy() {
    return text.policy();
  }

  /** Closes the store if it is {@link AutoCloseable} (a fallback store's probes, a spool). */
  @Override
  public void close() {
    if (store instanceof AutoCloseable) {
      try {
        ((AutoCloseable) store).close();
      } catch (Exception e) {
        log.warn("closing the comment store failed", e);
      }
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private void changed(Comment c) {
    changed(c.site(), c.thread());
  }

  private void changed(SiteId site, ThreadKey thread) {
    invalidateLocally(site, thread);
    try {
      bus.publish(site, thread);
    } catch (RuntimeException e) {
      log.warn("the invalidation bus failed to publish a change of {}/{}; other nodes may serve it late", site,
          thread, e);
    }
  }

  private void invalidateLocally(SiteId site, ThreadKey thread) {
    cache.invalidate(new ThreadScope(site, thread));
    cache.invalidate(new SiteScope(site));
  }

  private void notify(Consumer<CommentListener> event) {
    for (CommentListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.warn("comment listener {} failed; the write it was told about stands", l, e);
      }
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000: " + limit);
    }
  }

  private static int weigh(ThreadPage page) {
    int w = 200;
    for (CommentNode n : page.comments()) {
      w += weigh(n);
    }
    return w;
  }

  private static int weigh(CommentNode n) {
    int w = weigh(n.comment());
    for (CommentNode r : n.replies()) {
      w += weigh(r);
    }
    return w;
  }

  private static int weigh(List<Comment> comments) {
    int w = 64;
    for (Comment c : comments) {
      w += weigh(c);
    }
    return w;
  }

  private static int weigh(Comment c) {
    return 400 + 2 * (c.html().length() + c.source().length() + c.author().name().length());
  }

  private record ThreadScope(SiteId site, ThreadKey key) {}

  private record SiteScope(SiteId site) {}

  private record PageKey(ThreadScope scope, ThreadPageRequest page) {}

  private record CountKey(ThreadScope scope) {}

  private record RecentKey(SiteId site, int limit) {}

  /**
   * Builds {@link Comments}. Each setter checks its argument at once; {@link #build()} checks that a store
   * was given. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable CommentStore store;
    private Clock clock = Clock.systemUTC();
    private @Nullable Supplier<CommentId> ids;
    private ContentPolicy contentPolicy = ContentPolicy.defaults();
    private ModerationMode moderation = ModerationMode.NONE;
    private final List<SpamCheck> spamChecks = new ArrayList<>();
    private final List<CommentListener> listeners = new ArrayList<>();
    private InvalidationBus bus = InvalidationBus.local();
    private int maxDepth = 5;
    private Duration editWindow = Duration.ofMinutes(15);
    private long cacheMaximumWeight = 64L * 1024 * 1024;
    private Blocklist blocklist = new Blocklist();

    private Builder() {}

    /** The store: required. */
    public Builder store(CommentStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock for timestamps and the edit window; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Generates ids of new comments; time-ordered UUIDs (version 7) by default. */
    public Builder idGenerator(Supplier<CommentId> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Limits on text and author fields, and whether images are allowed. */
    public Builder contentPolicy(ContentPolicy contentPolicy) {
      this.contentPolicy = Objects.requireNonNull(contentPolicy, "contentPolicy");
      return this;
    }

    /** Which new comments wait for a moderator; {@link ModerationMode#NONE} by default. */
    public Builder moderation(ModerationMode moderation) {
      this.moderation = Objects.requireNonNull(moderation, "moderation");
      return this;
    }

    /** Adds a spam check; checks run in the order added. */
    public Builder spamCheck(SpamCheck check) {
      spamChecks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /** Adds a listener for posted, approved, edited, deleted and spam events. */
    public Builder listener(CommentListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Carries cache invalidations between nodes; {@link InvalidationBus#local()} by default. */
    public Builder invalidationBus(InvalidationBus bus) {
      this.bus = Objects.requireNonNull(bus, "bus");
      return this;
    }

    /** The deepest reply level shown (top-level comments are 0); 5 by default. */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1 || maxDepth > 50) {
        throw new IllegalArgumentException("maxDepth must be between 1 and 50: " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** How long authors may edit or delete; 15 minutes by default. */
    public Builder editWindow(Duration editWindow) {
      Objects.requireNonNull(editWindow, "editWindow");
      if (editWindow.isNegative()) {
        throw new IllegalArgumentException("edit window must not be negative: " + editWindow);
      }
      this.editWindow = editWindow;
      return this;
    }

    /** The read cache's bound in approximate bytes; 64 MiB by default; 0 disables it. */
    public Builder cacheMaximumWeight(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("cache maximum weight must not be negative: " + bytes);
      }
      this.cacheMaximumWeight = bytes;
      return this;
    }

    /** The blocklist to check every post against; an empty one by default. */
    public Builder blocklist(Blocklist blocklist) {
      this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
      return this;
    }

    /** @throws IllegalStateException if no store was given */
    public Comments build() {
      if (store == null) {
        throw new IllegalStateException("Comments needs a store: call store(...) before build()");
      }
      return new Comments(this);
    }
  }
}
