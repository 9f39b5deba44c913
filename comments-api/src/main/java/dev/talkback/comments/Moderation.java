package dev.talkback.comments;

import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.SitePosition;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What a moderator does on a site: publish, hide and restore comments, look through the moderation queue,
 * and block authors. A view of one {@link Comments}, got from {@link Comments#moderation()}; like Caffeine's
 * {@code cache.policy()}, it keeps the operations a reader never needs off the main entry point.
 * Thread-safe.
 *
 * <pre>{@code
 * Moderation moderation = comments.moderation();
 * for (Comment c : moderation.pending(site, 50)) {
 *   moderation.approve(site, c.id());
 * }
 * moderation.blockAuthorOf(site, spamId);   // their key, email and IP hash, on this site only
 * moderation.markSpam(site, spamId);
 * }</pre>
 *
 * <p>Deciding <em>who</em> is a moderator is the host's job (in {@code comments-servlet}, its
 * {@code ModeratorAuthorizer}); this view trusts its caller. Every method names the site it acts on, and
 * never touches another site's comments or blocks.
 *
 * <p>Status changes outdate the thread's cached pages, here and, through the
 * {@link dev.talkback.comments.spi.InvalidationBus}, on other nodes, and then tell the
 * {@link CommentListener}s. A status change that races another write to the same comment is retried a few
 * times on the comment's new version.
 */
public final class Moderation {
  private static final int ATTEMPTS = 6;

  private final CommentStore store;
  private final BlockStore blocks;
  private final ChangeFanOut changes;
  private final Screening screening;
  private final OutageRechecks rechecks;
  private final Clock clock;
  private final Supplier<CommentId> ids;

  Moderation(CommentStore store, BlockStore blocks, ChangeFanOut changes, Screening screening,
      OutageRechecks rechecks, Clock clock, Supplier<CommentId> ids) {
    this.rechecks = rechecks;
    this.store = store;
    this.blocks = blocks;
    this.changes = changes;
    this.screening = screening;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * One page of a person's comments on a site, any status, in site order (GDPR article 15: what is stored
   * about them). See {@link CommentReader#authorComments}; {@code comments-io}'s {@code Exporter} writes
   * them all as a file.
   *
   * @param site the site
   * @param author by email (ignoring case) and/or host user id
   * @param after where the previous page ended, or {@code null}
   * @param limit at most this many, 1 to 10,000
   * @return the comments; empty at the end
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    return store.authorComments(Objects.requireNonNull(site, "site"), Objects.requireNonNull(author, "author"),
        after, limit);
  }

  /**
   * The store, to read for an export of whole sites, any status (its {@link CommentReader#siteComments} and
   * {@link CommentReader#threadInfo}), as {@code comments-io}'s {@code Exporter} needs a reader. Reads go
   * to the store itself, not through the cache.
   *
   * @return a reader of this instance's store
   */
  public CommentReader exportReader() {
    return store;
  }

  /**
   * The store, for one bulk import by {@code comments-io}'s {@code Importer}, which sanitizes every comment
   * itself. Writes go straight to the store: no spam checks, no moderation decision, no listeners and no
   * notifications, since imported comments keep the status their source gave them. Each write outdates its
   * thread's cached pages here and on the other nodes, and {@link CommentStore#afterBulkLoad()} outdates
   * every thread the import wrote to once more. Erasing through it is refused: use {@link #eraseAuthor}.
   *
   * @return a new view of the store for one import; threadsafe
   */
  public CommentStore importStore() {
    return new ImportingStore(store, changes);
  }

  /**
   * Erases a person's data on a site (GDPR article 17) and logs the erasure: see
   * {@link CommentStore#eraseAuthor} for what each {@link ErasureMode} does. The threads the person wrote in
   * are outdated in the caches here and on other nodes. Listeners are not told (nothing was approved,
   * restored or posted).
   *
   * @param site the site
   * @param author by email (ignoring case) and/or host user id
   * @param mode remove (tombstones where replies stay) or anonymize
   * @param actor who erases, for the log (a moderator's id); 1 to 255 characters
   * @return the log entry, with the counts of what was done
   * @throws UnsupportedOperationException if the store cannot erase
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public ErasureRecord eraseAuthor(SiteId site, AuthorMatch author, ErasureMode mode, String actor) {
    ErasureRequest request = new ErasureRequest(ids.get().value(), site, author, mode, actor, clock.instant());
    Set<ThreadKey> threads = new LinkedHashSet<>();
    List<Comment> page = store.authorComments(site, author, null, 1000);
    while (!page.isEmpty()) {
      for (Comment c : page) {
        threads.add(c.thread());
      }
      SitePosition after = SitePosition.of(page.get(page.size() - 1));
      page = store.authorComments(site, author, after, 1000);
    }
    ErasureRecord done = store.eraseAuthor(request);
    for (ThreadKey t : threads) {
      changes.changed(site, t);
    }
    return done;
  }

  /**
   * The log of erasures on a site, newest first.
   *
   * @param site the site
   * @param limit at most this many, 1 to 1000
   * @return the log entries
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    return store.erasures(Objects.requireNonNull(site, "site"), limit);
  }

  /**
   * Publishes a comment; tells listeners {@link CommentListener#onApproved} and the spam checks
   * ({@link dev.talkback.comments.spi.SpamCheck#moderated}, so that Akismet learns of a false positive).
   * Approving an approved comment changes nothing.
   *
   * @param site the comment's site
   * @param id the comment
   * @return the comment as stored now
   * @throws CommentNotFoundException if the site has no such comment
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Comment approve(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.APPROVED, CommentListener::onApproved);
  }

  /**
   * Hides a comment as spam; tells listeners {@link CommentListener#onMarkedSpam} and the spam checks
   * ({@link dev.talkback.comments.spi.SpamCheck#moderated}, so that Akismet learns of a missed spam). A
   * spam comment with visible replies stays in its thread as a blanked tombstone.
   *
   * @param site the comment's site
   * @param id the comment
   * @return the comment as stored now
   * @throws CommentNotFoundException if the site has no such comment
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Comment markSpam(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.SPAM, CommentListener::onMarkedSpam);
  }

  /**
   * Deletes a comment as a moderator, whatever its author's edit window; tells listeners
   * {@link CommentListener#onDeleted}. A deleted comment with visible replies stays as a tombstone.
   *
   * @param site the comment's site
   * @param id the comment
   * @return the comment as stored now
   * @throws CommentNotFoundException if the site has no such comment
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Comment remove(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.DELETED, CommentListener::onDeleted);
  }

  /**
   * Publishes again a comment that was deleted or marked as spam; tells listeners
   * {@link CommentListener#onRestored}.
   *
   * @param site the comment's site
   * @param id the comment
   * @return the comment as stored now
   * @throws CommentNotFoundException if the site has no such comment
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Comment restore(SiteId site, CommentId id) {
    return moderate(site, id, CommentStatus.APPROVED, CommentListener::onRestored);
  }

  private Comment moderate(SiteId site, CommentId id, CommentStatus status, BiConsumer<CommentListener, Comment> event) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    for (int attempt = 1; ; attempt++) {
      Comment c = store.find(site, id).orElseThrow(() -> new CommentNotFoundException(id));
      if (c.status() == status) {
        return c;
      }
      try {
        Comment stored = store.update(c.toBuilder().status(status).version(c.version() + 1).build(), c.version());
        changes.changed(stored, l -> event.accept(l, stored));
        if (status == CommentStatus.SPAM || (status == CommentStatus.APPROVED && c.status() == CommentStatus.PENDING)) {
          screening.moderated(stored, status == CommentStatus.SPAM);
        }
        return stored;
      } catch (ConcurrentEditException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * The moderation queue: the site's pending comments, newest first. Comments queued while the store was
   * down are checked again first, if the store takes writes again (see {@link Comments}).
   *
   * @param site the site
   * @param limit at most this many, 1 to 1000
   * @return the comments; empty when the queue is
   * @throws IllegalArgumentException if the limit is out of range
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public List<Comment> pending(SiteId site, int limit) {
    rechecks.runIfWritable();
    return byStatus(site, CommentStatus.PENDING, limit);
  }

  /**
   * The site's comments with a status, newest first: the spam folder, the deleted ones.
   *
   * @param site the site
   * @param status the status
   * @param limit at most this many, 1 to 1000
   * @return the comments
   * @throws IllegalArgumentException if the limit is out of range
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    ThreadReads.checkLimit(limit);
    return store.byStatus(site, status, limit);
  }

  /**
   * An author's comments on the site, any status, newest first.
   *
   * @param site the site
   * @param authorKey the author's {@link Author#key()}, such as {@code "user:42"} or
   *     {@code "email:ada@example.org"}
   * @param limit at most this many, 1 to 1000
   * @return the comments
   * @throws IllegalArgumentException if the limit is out of range
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    ThreadReads.checkLimit(limit);
    return store.byAuthor(site, authorKey, limit);
  }

  /**
   * Blocks an email, author key or IP hash on one site: from now on posts and edits that match it there are
   * refused with {@link CommentRejectedException}. Comments already published stay until moderated.
   *
   * @param site the site the block applies to; other sites are not affected
   * @param block what to block
   * @return whether the block is new
   * @throws StoreUnavailableException if the block store cannot be reached
   */
  public boolean block(SiteId site, Block block) {
    return blocks.add(Objects.requireNonNull(site, "site"), Objects.requireNonNull(block, "block"));
  }

  /**
   * Blocks everything known about the author of a comment on its site: their author key, their email and
   * the comment's IP hash ({@link Block#allFor}). The comment itself keeps its status; mark it as spam or
   * remove it as well if it should go.
   *
   * @param site the comment's site, and the site the blocks apply to
   * @param id the comment
   * @return the blocks that now stop its author; empty for an anonymous author without email or IP hash
   * @throws CommentNotFoundException if the site has no such comment
   * @throws StoreUnavailableException if the store or the block store cannot be reached
   */
  public List<Block> blockAuthorOf(SiteId site, CommentId id) {
    Comment c = store.find(Objects.requireNonNull(site, "site"), Objects.requireNonNull(id, "id"))
        .orElseThrow(() -> new CommentNotFoundException(id));
    List<Block> all = Block.allFor(c);
    for (Block b : all) {
      blocks.add(site, b);
    }
    return all;
  }

  /**
   * Lifts a block from one site.
   *
   * @param site the site the block applies to
   * @param block what to unblock
   * @return whether there was such a block
   * @throws StoreUnavailableException if the block store cannot be reached
   */
  public boolean unblock(SiteId site, Block block) {
    return blocks.remove(Objects.requireNonNull(site, "site"), Objects.requireNonNull(block, "block"));
  }

  /**
   * The site's blocks, in no particular order.
   *
   * @param site the site
   * @return a snapshot; empty when nothing is blocked
   * @throws StoreUnavailableException if the block store cannot be reached
   */
  public List<Block> blocks(SiteId site) {
    return blocks.list(Objects.requireNonNull(site, "site"));
  }
}
