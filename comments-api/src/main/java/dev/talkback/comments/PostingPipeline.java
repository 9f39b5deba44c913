package dev.talkback.comments;

import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.internal.EditTokens;
import dev.talkback.comments.internal.text.Rendered;
import dev.talkback.comments.internal.text.TextPipeline;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.SpamVerdict;
import dev.talkback.comments.spi.StorableText;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a comment: validate and render, find the thread and the parent, screen (blocks, moderation mode,
 * spam checks), insert, fan out. The reads before the insert degrade when the store cannot be read, so that
 * a store in read-only mode can still queue the comment. Thread-safe.
 */
final class PostingPipeline {
  private static final Logger log = LoggerFactory.getLogger(PostingPipeline.class);
  private static final int MAX_TITLE_LENGTH = 300;
  private static final int MAX_URL_LENGTH = 4096;

  private final CommentStore store;
  private final TextPipeline text;
  private final Supplier<CommentId> ids;
  private final Clock clock;
  private final Screening screening;
  private final ThreadReads reads;
  private final ChangeFanOut changes;
  private final ThreadMetadata threads;
  private final OutageRechecks rechecks;

  PostingPipeline(CommentStore store, TextPipeline text, Supplier<CommentId> ids, Clock clock, Screening screening,
      ThreadReads reads, ChangeFanOut changes, ThreadMetadata threads, OutageRechecks rechecks) {
    this.store = store;
    this.text = text;
    this.ids = ids;
    this.clock = clock;
    this.screening = screening;
    this.reads = reads;
    this.changes = changes;
    this.threads = threads;
    this.rechecks = rechecks;
  }

  PostResult post(NewComment c) {
    Objects.requireNonNull(c, "comment");
    rechecks.runIfWritable();
    List<Violation> violations = new ArrayList<>();
    Author author = text.normalizeAuthor(c.author(), violations);
    @Nullable Rendered rendered = text.render(c.text(), c.format(), violations);
    String title = text.normalize(c.threadTitle()).strip();
    if (title.length() > MAX_TITLE_LENGTH) {
      violations.add(new Violation("threadTitle",
          "must be at most " + MAX_TITLE_LENGTH + " characters (it has " + title.length() + ")"));
    }
    @Nullable String url = c.threadUrl().orElse(null);
    urlViolations(url, violations);
    if (rendered == null || !violations.isEmpty()) {
      throw new CommentValidationException(violations);
    }
    Rendered body = rendered;
    SiteId site = c.site();
    ThreadKey key = c.thread();
    ThreadInfo given = new ThreadInfo(site, key, title, url, false);

    // The insert is idempotent, an unknown thread is taken as open, an unknown author as untrusted, and a
    // parent is looked for in the cached pages.
    Optional<CommentId> chosenId = c.id();
    if (chosenId.isPresent()) {
      Optional<Comment> existing = readOr(() -> store.find(site, chosenId.get()), Optional.empty());
      if (existing.isPresent()) {
        return repeated(existing.get(), c, author, body);
      }
    }
    // The host's resolver is authoritative; what the store holds comes next; the caller's title and URL only
    // describe a thread nobody described before (the servlet passes them only when the host signed them).
    Optional<ThreadInfo> resolved = threads.resolve(site, key);
    Optional<ThreadInfo> known = readOr(() -> store.threadInfo(site, key), reads.cachedInfo(site, key));
    ThreadInfo thread = resolved.or(() -> known).orElse(given);
    if (thread.closed()) {
      throw new ThreadClosedException(key);
    }
    @Nullable CommentId rootId = c.parentId().isPresent() ? parent(site, key, c.parentId().get()).rootId() : null;
    Screening.BlockCheck blocks = screening.checkPost(site, author, c.ipHash().orElse(null));

    String token = EditTokens.generate();
    CommentStatus status = blocks == Screening.BlockCheck.UNKNOWN
        ? CommentStatus.PENDING
        : screening.initialStatus(site, author, body);
    Comment comment = Comment.builder()
        .id(chosenId.orElseGet(ids))
        .site(site)
        .thread(key)
        .parentId(c.parentId().orElse(null))
        .rootId(rootId)
        .author(author)
        .source(body.source())
        .format(c.format())
        .html(body.html())
        .status(status)
        .created(now())
        .editTokenHash(EditTokens.hash(token))
        .ipHash(c.ipHash().orElse(null))
        .build();
    // The one check of what every store keeps, before the insert: a comment answered "queued" during an
    // outage must be one the database takes when it is back.
    List<Violation> unstorable = StorableText.violations(thread, comment);
    if (!unstorable.isEmpty()) {
      throw new CommentValidationException(unstorable);
    }

    SpamVerdict verdict = screening.checkSpam(comment, body, c.client(), Optional.of(thread));
    String reason = blocks == Screening.BlockCheck.UNKNOWN ? "the blocklist could not be checked" : null;
    if (verdict.action() == SpamVerdict.Action.REJECT) {
      throw new CommentRejectedException(verdict.reason());
    }
    if (verdict.action() == SpamVerdict.Action.MODERATE) {
      comment = comment.toBuilder().status(CommentStatus.PENDING).build();
      reason = verdict.reason();
    } else if (c.holdReason().isPresent()) {
      comment = comment.toBuilder().status(CommentStatus.PENDING).build();
      reason = c.holdReason().get();
    }
    // While the store cannot take writes, the blocks and the author's trust were guessed: the comment waits,
    // and is checked again against the database once the spool is replayed.
    boolean recheck = blocks == Screening.BlockCheck.UNKNOWN || rechecks.degraded();
    boolean mayApprove = verdict.action() == SpamVerdict.Action.ACCEPT && c.holdReason().isEmpty();
    if (recheck && comment.status() == CommentStatus.APPROVED) {
      comment = comment.toBuilder().status(CommentStatus.PENDING).build();
      reason = OutageRechecks.REASON;
    }

    // a queued comment keeps what its author asked to be mailed about, to be subscribed when it is replayed
    InsertResult result = c.subscription().any()
        ? store.insert(thread, comment, c.subscription())
        : store.insert(thread, comment);
    Comment stored = result.comment();
    if (result.outcome() == InsertResult.Outcome.EXISTING) {
      return repeated(stored, c, author, body);
    }
    if (resolved.isPresent() && known.isPresent() && !resolved.equals(known)
        && result.outcome() == InsertResult.Outcome.CREATED) {
      saveResolved(resolved.get());
    }
    if (recheck && stored.status() == CommentStatus.PENDING) {
      rechecks.remember(stored, body, mayApprove);
    }
    changes.changed(stored, l -> l.onPosted(stored));
    PostResult.Outcome outcome = result.outcome() == InsertResult.Outcome.QUEUED
        ? PostResult.Outcome.QUEUED
        : outcomeOf(stored);
    return PostResult.of(stored, outcome, token, reason);
  }

  /**
   * What is wrong with a thread URL: the characters no store keeps, spaces and control characters (no URL
   * has them unescaped), and more than {@value #MAX_URL_LENGTH} characters.
   */
  private static void urlViolations(@Nullable String url, List<Violation> violations) {
    if (url == null || url.isEmpty()) {
      return;
    }
    String problem = StorableText.characterProblem(url);
    if (problem != null) {
      violations.add(new Violation("threadUrl", problem));
      return;
    }
    for (int i = 0; i < url.length(); i++) {
      char ch = url.charAt(i);
      if (ch <= 0x20 || (ch >= 0x7F && ch <= 0x9F)) {
        violations.add(new Violation("threadUrl", "must be a URL without spaces or control characters (found U+"
            + String.format(Locale.ROOT, "%04X", (int) ch) + " at index " + i + ")"));
        return;
      }
    }
    if (url.length() > MAX_URL_LENGTH) {
      violations.add(new Violation("threadUrl",
          "must be at most " + MAX_URL_LENGTH + " characters (it has " + url.length() + ")"));
    }
  }

  /** The visible comment of this thread a reply answers; from the cached pages if the store is down. */
  private Comment parent(SiteId site, ThreadKey key, CommentId parentId) {
    Optional<Comment> found;
    try {
      found = store.find(site, parentId);
    } catch (StoreUnavailableException e) {
      found = reads.cachedComment(site, key, parentId);
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
          "comment " + parent.id() + " is not visible (it is " + parent.status().name().toLowerCase(Locale.ROOT)
              + "), so it cannot be replied to");
    }
    return parent;
  }

  /**
   * The answer to a post whose chosen id exists: the stored comment only if this is the same submission (same
   * thread, author, text and format, as this pipeline would have stored them), which proves the caller knew
   * it already; otherwise a conflict that says nothing about the stored comment, whatever its thread or
   * status (a hidden comment must not be readable by guessing or reusing its public id).
   */
  private static PostResult repeated(Comment existing, NewComment c, Author author, Rendered body) {
    boolean same = existing.thread().equals(c.thread())
        && existing.author().equals(author)
        && existing.format() == c.format()
        && existing.source().equals(body.source());
    if (!same) {
      throw new CommentIdConflictException();
    }
    return PostResult.of(existing, outcomeOf(existing), null, null);
  }

  private static PostResult.Outcome outcomeOf(Comment c) {
    return c.status() == CommentStatus.APPROVED ? PostResult.Outcome.PUBLISHED : PostResult.Outcome.PENDING;
  }

  /** Stores the host's description of a thread over an older one; best effort, the next post tries again. */
  private void saveResolved(ThreadInfo info) {
    try {
      store.saveThread(info);
      changes.changed(info.site(), info.key());
    } catch (StoreUnavailableException | ReadOnlyException e) {
      log.debug("the host's description of thread {} is stored with the next post", info.key(), e);
    }
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

  Preview preview(String source, Format format) {
    Rendered r = text.render(source, format);
    return new Preview(r.html(), r.text(), r.linkCount());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
