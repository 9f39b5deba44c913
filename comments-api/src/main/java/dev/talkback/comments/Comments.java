package dev.talkback.comments;

import dev.talkback.comments.internal.TimeOrderedIds;
import dev.talkback.comments.internal.text.TextPipeline;
import dev.talkback.comments.memory.InMemoryBlockStore;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.spi.SpamCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point a host uses: post, read, count, edit and like comments, and, through
 * {@link #moderation()}, moderate them. Build one per blog platform with {@link #builder()}; two blogs in one
 * JVM each build their own and share nothing. Thread-safe.
 *
 * <pre>{@code
 * Comments comments = Comments.builder()
 *     .store(new InMemoryCommentStore())          // or a JdbiCommentStore, or a FallbackCommentStore
 *     .moderation(ModerationMode.FIRST_TIME)
 *     .build();
 * PostResult posted = comments.post(NewComment.builder(ThreadKey.of("posts/hello"))
 *     .author(Author.named("Ada").withEmail("ada@example.org")).text("Lovely **post**.").format(Format.MARKDOWN)
 *     .build());
 * ThreadPage page = comments.thread(SiteId.DEFAULT, ThreadKey.of("posts/hello"), ThreadPageRequest.DEFAULT);
 * comments.moderation().approve(SiteId.DEFAULT, posted.comment().id());
 * }</pre>
 *
 * <p><b>Writing.</b> A post is validated, rendered, sanitized, checked against the site's
 * {@linkplain Moderation#blocks blocks} and the spam checks, given a moderation status and stored; then the
 * thread's cached pages are outdated (on every node, through the {@link InvalidationBus}) and the
 * {@link CommentListener}s told. When the store cannot be read, a post still goes through to a store that can
 * queue it: an unknown thread is taken as open, an unknown author as untrusted, a parent is looked for in the
 * cached pages, and the comment is held: once the store takes writes again (the spool replayed), the checks
 * that need the database run again (the site's blocks, the author's trust under
 * {@link ModerationMode#FIRST_TIME}) and decide whether it is published, stays pending or becomes spam.
 *
 * <p><b>Reading.</b> Pages, counts and recent lists come from a weight-bounded cache that loads each page
 * once however many readers miss it together, is outdated by every write, and serves the last page read,
 * marked {@linkplain ThreadPage#stale() stale}, when the store cannot be read.
 *
 * <p>Every failure is a {@link CommentsException} with a stable {@link CommentsException#code() code};
 * {@link StoreUnavailableException} means the store could not be reached and the call may be retried.
 */
public final class Comments implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Comments.class);

  private final CommentStore store;
  private final CommentsSettings settings;
  private final ThreadReads reads;
  private final ChangeFanOut changes;
  private final PostingPipeline posting;
  private final AuthorActions authors;
  private final Moderation moderation;
  private final ThreadMetadata threads;
  private final OutageRechecks rechecks;

  Comments(CommentsBuilder b, CommentStore store) {
    this.store = store;
    this.settings = new CommentsSettings(b.clock, b.contentPolicy, b.editWindow, b.moderation, b.maxDepth);
    Supplier<CommentId> ids = b.ids;
    BlockStore configured = b.blockStore;
    BlockStore blocks = configured != null ? configured : new InMemoryBlockStore();
    TextPipeline text = new TextPipeline(b.contentPolicy);
    Screening screening = new Screening(store, blocks, b.moderation, b.spamChecks);
    this.reads = new ThreadReads(store, b.maxDepth, b.cacheMaximumWeight);
    this.changes = new ChangeFanOut(reads, b.bus, b.listeners);
    Supplier<CommentId> idSupplier = ids != null ? ids : new TimeOrderedIds(b.clock);
    this.threads = new ThreadMetadata(b.threadResolver);
    this.rechecks = new OutageRechecks(store, screening, changes);
    this.posting = new PostingPipeline(store, text, idSupplier, b.clock, screening, reads, changes, threads,
        this.rechecks);
    this.authors = new AuthorActions(store, text, b.clock, b.editWindow, screening, changes);
    this.moderation = new Moderation(store, blocks, changes, screening, this.rechecks, b.clock, idSupplier);
  }

  /**
   * A builder; only {@link CommentsBuilder#store} is required.
   *
   * @return a new builder with every default
   */
  public static CommentsBuilder builder() {
    return new CommentsBuilder();
  }

  /**
   * Posts a new comment or reply. Posting with a {@linkplain NewComment#id() chosen id} is idempotent: the same
   * submission again (same id, thread, author, text and format) returns the stored comment, without an edit
   * token. Any other post with that id is refused with {@link CommentIdConflictException}, which tells nothing
   * about the stored comment, so that an id (public for a deleted comment's tombstone) cannot read it back.
   *
   * @param comment what the author sent
   * @return the comment as stored or queued, whether it is published, and the author's edit token
   * @throws CommentValidationException listing every bad field (nothing is stored)
   * @throws CommentIdConflictException if the chosen id is taken by another submission
   * @throws ThreadClosedException if the thread no longer takes comments
   * @throws CommentRejectedException if a spam check refused it, or one of the site's blocks matches its author
   * @throws ReadOnlyException if the store is read-only and refuses writes
   * @throws StoreUnavailableException if the store cannot be reached and has no spool
   */
  public PostResult post(NewComment comment) {
    return posting.post(comment);
  }

  /**
   * Renders text as a post would, without storing anything: for a live preview.
   *
   * @param source what the author typed
   * @param format how to read it
   * @return the sanitized HTML, its plain text and its link count
   * @throws CommentValidationException on field {@code text} if nothing would be left, or it is too long
   */
  public Preview preview(String source, Format format) {
    return posting.preview(source, format);
  }

  /**
   * One page of a thread, assembled into a tree: top-level comments in {@code page.sort()} order with all
   * their replies. Served from the cache while the thread is unchanged; when the store cannot be read, the
   * last page read is returned marked {@linkplain ThreadPage#stale() stale}. The page's
   * {@linkplain ThreadPage#info() info} is the {@linkplain CommentsBuilder#threadResolver host's}, when it
   * knows the thread.
   *
   * @param site the thread's site
   * @param thread the thread
   * @param page the order, the cursor of the previous page and the page size
   * @return the page; an unknown thread is an empty page
   * @throws CommentValidationException on field {@code cursor} if the cursor is not one this server issued
   *     for this sort order
   * @throws StoreUnavailableException if the store cannot be read and nothing is cached
   */
  public ThreadPage thread(SiteId site, ThreadKey thread, ThreadPageRequest page) {
    rechecks.runIfWritable();
    return threads.overlay(reads.thread(site, thread, page));
  }

  /**
   * A rendering of a page that {@link #thread} returned, kept with the page in the read cache: the first call
   * for a page (or when the kept rendering is of another class or no longer {@code current}) makes it with
   * {@code render}; later calls get the same instance until the thread changes. Its
   * {@linkplain PageRendering#heapBytes() heap} counts toward {@link CommentsBuilder#cacheMaximumWeight}, so
   * the bound covers the page and what is kept with it. A page that is not the cached instance (a stale one,
   * or one whose info the thread resolver replaced) is rendered each time and not kept. One rendering is
   * kept per page: callers that keep different ones on one {@code Comments} replace each other's.
   *
   * @param page a page {@link #thread} returned
   * @param request the request it was read with
   * @param type the rendering's class
   * @param current whether a kept rendering of that class still fits (a write state it was made for, say)
   * @param render makes the rendering of a page; must not call this {@code Comments}
   * @param <R> the rendering's type
   * @return the kept rendering, or a new one
   */
  public <R extends PageRendering> R rendering(ThreadPage page, ThreadPageRequest request, Class<R> type,
      Predicate<? super R> current, Function<? super ThreadPage, ? extends R> render) {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(request, "request");
    return reads.rendering(page, request, type, current, render);
  }

  /**
   * The number of approved comments of each thread, in one call: for blog index pages ("12 comments").
   * Cached counts are used; the others are read from the store in one call.
   *
   * @param site the threads' site
   * @param threads the threads
   * @return every thread asked for, in the order given, with its count (0 for an unknown thread)
   * @throws StoreUnavailableException if the store cannot be read and some count was never cached
   */
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    return reads.counts(site, threads);
  }

  /**
   * The newest approved comments of a site, newest first: a "recent comments" box, a site feed.
   *
   * @param site the site
   * @param limit at most this many, 1 to 1000
   * @return the comments
   * @throws IllegalArgumentException if the limit is out of range
   * @throws StoreUnavailableException if the store cannot be read and nothing is cached
   */
  public List<Comment> recent(SiteId site, int limit) {
    return reads.recent(site, limit);
  }

  /**
   * The comment with this id, whatever its status. Not cached.
   *
   * @param site the comment's site
   * @param id the comment
   * @return the comment, or empty if the site has none with this id
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Optional<Comment> find(SiteId site, CommentId id) {
    return store.find(site, id);
  }

  /**
   * A thread's title, URL and closed flag: the {@linkplain CommentsBuilder#threadResolver host's}, else what
   * the store holds.
   *
   * @param site the thread's site
   * @param thread the thread
   * @return its info, or empty if the host does not know it and nobody has commented on it or saved it
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    Optional<ThreadInfo> resolved = threads.resolve(site, thread);
    return resolved.isPresent() ? resolved : store.threadInfo(site, thread);
  }

  /**
   * Creates or changes a thread's title, URL or closed flag; a closed thread refuses new comments.
   *
   * @param info the thread's new info
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public void saveThread(ThreadInfo info) {
    store.saveThread(info);
    changes.changed(info.site(), info.key());
  }

  /**
   * Lets an author change the text of their comment within the edit window. The text is rendered in the
   * comment's format and checked again: the site's blocks refuse an edit by a blocked author, and a comment
   * that now needs moderation goes back to pending.
   *
   * @param site the comment's site
   * @param id the comment
   * @param editToken the token {@link PostResult#editToken()} gave its author
   * @param newText the new text, in the comment's format
   * @return the comment as stored now
   * @throws EditNotAllowedException if the token is wrong or the window has passed
   * @throws CommentNotFoundException if there is no such comment, or it was deleted
   * @throws CommentRejectedException if the author is blocked on the site, or a spam check refused the text
   * @throws CommentValidationException on field {@code text} if the new text is empty or too long
   * @throws StoreUnavailableException if the store or the block store cannot be reached
   */
  public Comment edit(SiteId site, CommentId id, String editToken, String newText) {
    return authors.edit(site, id, editToken, newText);
  }

  /**
   * Lets an author delete their comment within the edit window. It stays as a tombstone while it has
   * visible replies.
   *
   * @param site the comment's site
   * @param id the comment
   * @param editToken the token {@link PostResult#editToken()} gave its author
   * @return the comment as stored now, deleted
   * @throws EditNotAllowedException if the token is wrong or the window has passed
   * @throws CommentNotFoundException if there is no such comment, or it was already deleted
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Comment delete(SiteId site, CommentId id, String editToken) {
    return authors.delete(site, id, editToken);
  }

  /**
   * Records that a client likes an approved comment; a client's second like changes nothing.
   *
   * @param site the comment's site
   * @param id the comment
   * @param clientKey a stable key of the client, 1 to 200 characters: a user id, or a hash of a cookie
   * @return the comment's likes now
   * @throws CommentNotFoundException if there is no such approved comment
   * @throws CommentValidationException on field {@code clientKey} if it is blank or too long
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public int like(SiteId site, CommentId id, String clientKey) {
    return authors.like(site, id, clientKey);
  }

  /**
   * What moderators do: approve, mark as spam, remove and restore comments, list the queue, and block authors
   * per site. Who is a moderator is for the host to decide before calling.
   *
   * @return the moderation view of this instance; always the same object
   */
  public Moderation moderation() {
    return moderation;
  }

  /**
   * The settings this instance was built with: its clock, content policy (and the excerpts it makes), edit
   * window, moderation mode and depth cap.
   *
   * @return the settings; always the same object
   */
  public CommentsSettings settings() {
    return settings;
  }

  /**
   * The store's mode and the read cache's statistics, for a health endpoint.
   *
   * @return a snapshot
   */
  public CommentsHealth health() {
    return new CommentsHealth(store.health(), reads.statistics());
  }

  /** Closes the store if it is {@link AutoCloseable} (a fallback store's probes, a spool). */
  @Override
  public void close() {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("closing the comment store failed", e);
      }
    }
  }

}
