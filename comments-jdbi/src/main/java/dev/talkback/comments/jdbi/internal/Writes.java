package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.ChangeEvents;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.spi.InsertResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * The write side of the store. Every write is one transaction that decides from what it reads inside
 * itself, so {@link Db#write} can run it again after a conflict with a concurrent writer:
 *
 * <ul>
 *   <li>insert: make sure the thread row exists, store the comments whose ids are not stored yet, add the
 *       approved ones among them to the thread's count. On PostgreSQL that is one statement
 *       ({@link Sql#insertChunkIfAbsent}: arrays per column, {@code ON CONFLICT DO NOTHING}, returning the ids
 *       it created), so only the others (a retry, a replay) are read back. On MariaDB, MySQL and H2 the ids
 *       are looked up first and the others inserted in one JDBC batch; two transactions inserting the same new
 *       id both find it absent, the second one's insert fails on the primary key, is rolled back and runs
 *       again, and finds it. Neither relies on per-row batch update counts, which drivers that rewrite
 *       batches do not report.
 *   <li>update and like: lock the comment row ({@code SELECT ... FOR UPDATE}), check, change, count.
 * </ul>
 */
final class Writes {
  /** Comments per transaction of {@link #insertAll}: one batch each. */
  static final int CHUNK = Reads.MAX_LIST;

  private final Db db;
  private final Sql sql;
  private final CommentRows rows;
  private final Reads reads;
  private final @Nullable Outbox outbox;
  private final Clock clock;
  private final Statistics statistics;

  Writes(Db db, Sql sql, CommentRows rows, Reads reads, @Nullable Outbox outbox, Clock clock, Statistics statistics) {
    this.db = db;
    this.sql = sql;
    this.rows = rows;
    this.reads = reads;
    this.outbox = outbox;
    this.clock = clock;
    this.statistics = statistics;
  }

  List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(comments, "comments");
    Texts.check(thread);
    List<Comment> ready = new ArrayList<>(comments.size());
    for (Comment c : comments) {
      ready.add(prepare(thread, Objects.requireNonNull(c, "comment")));
    }
    List<InsertResult> results = new ArrayList<>(ready.size());
    for (List<Comment> chunk : chunks(ready, CHUNK, CHUNK_CHARS)) {
      results.addAll(db.write(h -> insertChunk(h, thread, chunk)));
    }
    long created = 0;
    for (InsertResult r : results) {
      if (r.outcome() == InsertResult.Outcome.CREATED) {
        created++;
      }
    }
    statistics.created(created);
    return results;
  }

  /**
   * Characters of text per transaction of {@link #insertAll}, at most (one comment larger than that goes
   * alone). PostgreSQL receives a chunk as arrays in one statement, whose bind message may not exceed 1 GB:
   * 200 comments of a million CJK characters each (bodies the store accepts) made one of 1.2 GB, and the
   * import failed. 64 Mi characters are at most 256 MiB of UTF-8, escaped at most twice over in an array.
   */
  static final long CHUNK_CHARS = 64L << 20;

  /**
   * {@code comments} in order, cut into chunks of at most {@code maxCount} comments and, unless one comment
   * alone is larger, at most {@code maxChars} characters of text ({@link #chars}).
   */
  static List<List<Comment>> chunks(List<Comment> comments, int maxCount, long maxChars) {
    List<List<Comment>> chunks = new ArrayList<>();
    int from = 0;
    long chars = 0;
    for (int i = 0; i < comments.size(); i++) {
      long c = chars(comments.get(i));
      if (i > from && (i - from == maxCount || chars + c > maxChars)) {
        chunks.add(comments.subList(from, i));
        from = i;
        chars = 0;
      }
      chars += c;
    }
    if (from < comments.size()) {
      chunks.add(comments.subList(from, comments.size()));
    }
    return chunks;
  }

  /** The characters of a comment's text columns, which make its size on the wire. */
  static long chars(Comment c) {
    Author a = c.author();
    return (long) c.source().length() + c.html().length() + a.name().length() + length(a.email())
        + length(a.website()) + length(a.userId()) + c.thread().value().length() + 256;
  }

  private static int length(@Nullable String s) {
    return s == null ? 0 : s.length();
  }

  /** Checks a new comment against its thread and truncates its instants to what the store keeps. */
  private static Comment prepare(ThreadInfo thread, Comment c) {
    if (!c.site().equals(thread.site()) || !c.thread().equals(thread.key())) {
      throw new IllegalArgumentException("comment " + c.id() + " belongs to thread " + c.site() + "/" + c.thread()
          + " but was inserted into " + thread.site() + "/" + thread.key() + "; insert it with its own thread");
    }
    if (c.version() != 0 || c.likes() != 0) {
      throw new IllegalArgumentException("comment " + c.id() + " must be new (version 0, likes 0) to be inserted;"
          + " it has version " + c.version() + " and " + c.likes() + " likes; use update() to change a stored one");
    }
    Texts.check(c);
    Micros.of(c.created());
    c.edited().ifPresent(Micros::of);
    return micros(c);
  }

  private List<InsertResult> insertChunk(Handle h, ThreadInfo thread, List<Comment> chunk) {
    SiteId site = thread.site();
    Map<CommentId, Comment> firsts = new LinkedHashMap<>(); // a second copy of an id in one call is EXISTING
    for (Comment c : chunk) {
      firsts.putIfAbsent(c.id(), c);
    }
    Map<CommentId, Comment> stored;
    Set<CommentId> created;
    boolean counted;
    boolean eventsWritten = false;
    if (sql.insertsIfAbsent()) {
      // PostgreSQL: one statement makes sure the thread exists, inserts the ids not stored yet, counts the
      // approved ones it created and returns their ids; only the others (rare: a retry, a replay) are read back.
      checkParents(h, site, chunk, Map.of());
      // with the outbox, a post's or a replay's events go into the same statement too
      Outbox box = outbox != null && firsts.size() < Sql.ROWS_PER_INSERT ? outbox : null;
      created = insertReturningIds(h, thread, new ArrayList<>(firsts.values()), box);
      eventsWritten = box != null;
      counted = true;
      Set<CommentId> others = new LinkedHashSet<>(firsts.keySet());
      others.removeAll(created);
      stored = reads.findAll(h, site, others);
    } else {
      // MariaDB, MySQL, H2: read which ids are stored, insert the others. A concurrent insert of one of
      // them fails this transaction on the primary key; Db.write runs it again and it finds the id.
      ensureThread(h, thread);
      stored = reads.findAll(h, site, firsts.keySet());
      checkParents(h, site, chunk, stored);
      List<Comment> fresh = new ArrayList<>(chunk.size());
      for (Comment c : firsts.values()) {
        if (!stored.containsKey(c.id())) {
          fresh.add(c);
        }
      }
      insert(h, fresh);
      created = new HashSet<>();
      for (Comment c : fresh) {
        created.add(c.id());
      }
      counted = false;
    }

    List<InsertResult> results = new ArrayList<>(chunk.size());
    Set<CommentId> answered = new HashSet<>();
    int approved = 0;
    for (Comment c : chunk) {
      if (answered.add(c.id()) && created.contains(c.id())) {
        results.add(InsertResult.created(c));
        if (c.status() == CommentStatus.APPROVED) {
          approved++;
        }
      } else {
        // Stored before this call, or a second copy of an id this call created: answer with its first copy.
        Comment existing = stored.get(c.id());
        results.add(InsertResult.existing(existing != null ? existing
            : Objects.requireNonNull(firsts.get(c.id()), "firsts holds every id of the chunk")));
      }
    }
    if (!counted) {
      addApproved(h, site, thread.key(), approved);
    }
    if (outbox != null && !eventsWritten) {
      Instant now = Micros.truncate(clock.instant());
      List<OutboxMessage> events = new ArrayList<>();
      for (InsertResult r : results) {
        if (r.outcome() == InsertResult.Outcome.CREATED) {
          events.addAll(ChangeEvents.of(null, r.comment(), now));
        }
      }
      outbox.events(h, events);
    }
    return results;
  }

  /** Inserts new comments in one JDBC batch, in id order, so concurrent batches lock ids in one order. */
  private void insert(Handle h, List<Comment> fresh) {
    if (fresh.isEmpty()) {
      return;
    }
    fresh.sort(Comparator.comparing(Comment::id));
    PreparedBatch batch = h.prepareBatch(sql.insertComment);
    for (Comment c : fresh) {
      rows.bindInsert(batch, c);
      batch.add();
    }
    batch.execute();
  }

  /**
   * PostgreSQL: {@link Sql#insertChunkIfAbsent} in one round trip: the thread row, the comments not stored yet,
   * the count of the approved ones it created, and with {@code box} their {@code COMMENT_POSTED} events
   * ({@link Outbox#eventsOfCreated}); returns the ids it created.
   */
  private Set<CommentId> insertReturningIds(Handle h, ThreadInfo thread, List<Comment> comments,
      @Nullable Outbox box) {
    comments.sort(Comparator.comparing(Comment::id));
    List<OutboxMessage> events = new ArrayList<>();
    if (box != null) {
      Instant now = Micros.truncate(clock.instant());
      for (Comment c : comments) {
        events.addAll(ChangeEvents.of(null, c, now));
      }
    }
    String statement = box == null ? sql.insertChunkIfAbsent()
        : sql.insertChunkIfAbsent(box.eventsOfCreated(events.size()));
    Set<CommentId> created = new HashSet<>();
    try (PreparedStatement ps = h.getConnection().prepareStatement(statement)) {
      if (db.queryTimeoutSeconds() > 0) {
        ps.setQueryTimeout(db.queryTimeoutSeconds());
      }
      int p = 1;
      ps.setString(p++, thread.site().value());
      ps.setString(p++, thread.key().value());
      ps.setString(p++, thread.title());
      ps.setString(p++, thread.url());
      ps.setBoolean(p++, thread.closed());
      ps.setString(p++, thread.site().value());
      ps.setString(p++, thread.key().value());
      p = rows.setChunkArrays(ps, p, comments);
      ps.setString(p++, thread.site().value());
      ps.setString(p++, thread.key().value());
      for (OutboxMessage m : events) {
        p = Outbox.setEventAt(ps, p, m);
      }
      try (ResultSet ids = ps.executeQuery()) {
        while (ids.next()) {
          created.add(rows.readId(ids, "id"));
        }
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException("could not insert " + comments.size() + " comments", e, null);
    }
    return created;
  }

  /** Makes sure the thread's row exists; an existing one is kept. */
  private void ensureThread(Handle h, ThreadInfo thread) {
    Update ensure = h.createUpdate(sql.ensureThread);
    CommentRows.bindThread(ensure, thread);
    ensure.execute();
  }

  /**
   * Checks each new reply of the chunk (not among {@code stored}): its parent must come earlier in the
   * chunk or be stored, in the same thread and under the same root. Parents from outside the chunk are
   * read in one query.
   */
  private void checkParents(Handle h, SiteId site, List<Comment> chunk, Map<CommentId, Comment> stored) {
    Set<CommentId> earlier = new HashSet<>();
    Set<CommentId> lookUp = new LinkedHashSet<>();
    for (Comment c : chunk) {
      if (!stored.containsKey(c.id()) && !earlier.contains(c.id())) {
        c.parentId().filter(p -> !earlier.contains(p)).ifPresent(lookUp::add);
      }
      earlier.add(c.id());
    }
    Map<CommentId, Comment> parents = reads.findAll(h, site, lookUp);
    Map<CommentId, Comment> before = new HashMap<>();
    for (Comment c : chunk) {
      if (!stored.containsKey(c.id()) && !before.containsKey(c.id())) {
        c.parentId().ifPresent(p -> checkParent(c, before.getOrDefault(p, parents.get(p))));
      }
      before.putIfAbsent(c.id(), c);
    }
  }

  private static void checkParent(Comment reply, @Nullable Comment parent) {
    CommentId parentId = reply.parentId().orElseThrow();
    if (parent == null || !parent.thread().equals(reply.thread())) {
      throw new IllegalArgumentException("reply " + reply.id() + " names parent " + parentId + ", which is not"
          + " stored in thread '" + reply.thread() + "'; insert parents before their replies");
    }
    if (!parent.rootId().equals(reply.rootId())) {
      throw new IllegalArgumentException("reply " + reply.id() + " has root " + reply.rootId() + " but its parent "
          + parentId + " has root " + parent.rootId() + "; a reply's root is its parent's root");
    }
  }

  Comment update(Comment updated, long expectedVersion) {
    Objects.requireNonNull(updated, "updated");
    Texts.check(updated);
    updated.edited().ifPresent(Micros::of);
    Comment wanted = micros(updated);
    statistics.updated();
    return db.write(h -> {
      Comment current = reads.find(h, sql.lockComment, wanted.site(), wanted.id())
          .orElseThrow(() -> new CommentNotFoundException(wanted.id()));
      if (current.version() != expectedVersion) {
        throw new ConcurrentEditException(wanted.id(), expectedVersion);
      }
      Comment now = current.toBuilder()
          .source(wanted.source())
          .format(wanted.format())
          .html(wanted.html())
          .status(wanted.status())
          .edited(wanted.edited().orElse(null))
          .version(wanted.version())
          .editTokenHash(wanted.editTokenHash().orElse(null))
          .build();
      Update u = h.createUpdate(sql.updateComment);
      rows.bindUpdate(u, now);
      u.execute();
      int delta = approved(now) - approved(current);
      addApproved(h, current.site(), current.thread(), delta);
      if (outbox != null) {
        outbox.events(h, ChangeEvents.of(current, now, Micros.truncate(clock.instant())));
      }
      return now;
    });
  }

  int like(SiteId site, CommentId id, String clientKey) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientKey, "clientKey");
    Texts.checkClientKey(clientKey);
    statistics.wroteOthers();
    return db.write(h -> {
      Comment current = reads.find(h, sql.lockComment, site, id)
          .orElseThrow(() -> new CommentNotFoundException(id));
      if (!insertLikeIfAbsent(h, site, id, clientKey)) {
        return current.likes();
      }
      Update increment = h.createUpdate(sql.incrementLikes).bind("site", site.value());
      rows.bindId(increment, "id", id);
      increment.execute();
      return current.likes() + 1;
    });
  }

  /** {@link #like} for many clients of one comment, in one transaction. */
  void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    Set<String> wanted = new LinkedHashSet<>(clientKeys);
    if (wanted.isEmpty()) {
      return;
    }
    for (String clientKey : wanted) {
      Objects.requireNonNull(clientKey, "clientKey");
      Texts.checkClientKey(clientKey);
    }
    statistics.wroteOthers();
    db.write(h -> { // may run again after a conflict: it changes nothing of the caller's
      if (reads.find(h, sql.lockComment, site, id).isEmpty()) {
        throw new CommentNotFoundException(id);
      }
      Query seen = h.createQuery(sql.likeKeys).bind("site", site.value());
      rows.bindId(seen, "id", id);
      Set<String> fresh = new LinkedHashSet<>(wanted);
      fresh.removeAll(seen.mapTo(String.class).set());
      if (fresh.isEmpty()) {
        return null;
      }
      int added = 0;
      if (fresh.stream().anyMatch(k -> k.endsWith(" "))) {
        // MariaDB compares keys with PAD SPACE ("a" equals "a "), which Java's set does not: the database
        // decides, key by key, as like() lets it
        for (String clientKey : fresh) {
          if (insertLikeIfAbsent(h, site, id, clientKey)) {
            added++;
          }
        }
      } else {
        PreparedBatch batch = h.prepareBatch(sql.insertLike);
        for (String clientKey : fresh) {
          batch.bind("site", site.value()).bind("client", clientKey);
          rows.bindId(batch, "id", id);
          batch.add();
        }
        batch.execute();
        added = fresh.size();
      }
      if (added == 0) {
        return null;
      }
      Update add = h.createUpdate(sql.addLikes).bind("site", site.value()).bind("n", added);
      rows.bindId(add, "id", id);
      add.execute();
      return null;
    });
  }

  /** Stores a client's like of a comment unless the database holds it already; whether it stored it. */
  private boolean insertLikeIfAbsent(Handle h, SiteId site, CommentId id, String clientKey) {
    Query seen = h.createQuery(sql.likeExists).bind("site", site.value()).bind("client", clientKey);
    rows.bindId(seen, "id", id);
    if (seen.mapTo(Integer.class).findFirst().isPresent()) {
      return false;
    }
    Update insert = h.createUpdate(sql.insertLike).bind("site", site.value()).bind("client", clientKey);
    rows.bindId(insert, "id", id);
    insert.execute();
    return true;
  }

  void saveThread(ThreadInfo thread) {
    Objects.requireNonNull(thread, "thread");
    Texts.check(thread);
    statistics.wroteOthers();
    db.write(h -> {
      Update u = h.createUpdate(sql.saveThread);
      CommentRows.bindThread(u, thread);
      return u.execute();
    });
  }

  /** Adds {@code delta} to the thread's approved count, in the caller's transaction. */
  void addApproved(Handle h, SiteId site, ThreadKey thread, int delta) {
    if (delta == 0) {
      return;
    }
    if (sql.hasCountUpsert()) {
      h.createUpdate(sql.upsertApproved())
          .bind("site", site.value()).bind("thread", thread.value()).bind("delta", delta)
          .execute();
      return;
    }
    int changed = h.createUpdate(sql.updateApproved())
        .bind("site", site.value()).bind("thread", thread.value()).bind("delta", delta)
        .execute();
    if (changed == 0) {
      // A concurrent first insert of the same row fails one transaction on the key; Db.write runs it again.
      h.createUpdate(sql.insertApproved())
          .bind("site", site.value()).bind("thread", thread.value()).bind("delta", delta)
          .execute();
    }
  }

  private static int approved(Comment c) {
    return c.status() == CommentStatus.APPROVED ? 1 : 0;
  }

  /** The comment with its instants truncated to whole microseconds; the same object if they already are. */
  private static Comment micros(Comment c) {
    Instant created = Micros.truncate(c.created());
    Optional<Instant> edited = c.edited().map(Micros::truncate);
    if (created.equals(c.created()) && edited.equals(c.edited())) {
      return c;
    }
    return c.toBuilder().created(created).edited(edited.orElse(null)).build();
  }
}
