package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.Status;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.InsertResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * The write side of the store. Every write is one transaction that decides from what it reads inside
 * itself, so {@link Db#write} can run it again after a conflict with a concurrent writer:
 *
 * <ul>
 *   <li>insert: make sure the thread row exists, read which of the ids are stored already (those are
 *       {@code EXISTING}), insert the others in one JDBC batch, add the approved ones to the thread's
 *       count. Two transactions inserting the same new id both find it absent; the second one's insert
 *       then fails on the primary key, is rolled back and run again, and finds it stored. This works the
 *       same on every dialect and with any driver batching setting (rewritten batches report no
 *       per-row counts).
 *   <li>update and like: lock the comment row ({@code SELECT ... FOR UPDATE}), check, change, count.
 * </ul>
 */
final class Writes {
  /** Comments per transaction of {@link #insertAll}: one pre-check query and one batch each. */
  static final int CHUNK = Reads.MAX_LIST;

  private final Db db;
  private final Sql sql;
  private final CommentRows rows;
  private final Reads reads;

  Writes(Db db, Sql sql, CommentRows rows, Reads reads) {
    this.db = db;
    this.sql = sql;
    this.rows = rows;
    this.reads = reads;
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
    for (int from = 0; from < ready.size(); from += CHUNK) {
      List<Comment> chunk = ready.subList(from, Math.min(ready.size(), from + CHUNK));
      results.addAll(db.write(h -> insertChunk(h, thread, chunk)));
    }
    return results;
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
    Update ensure = h.createUpdate(sql.ensureThread);
    CommentRows.bindThread(ensure, thread);
    ensure.execute();

    Set<CommentId> ids = new LinkedHashSet<>();
    for (Comment c : chunk) {
      ids.add(c.id());
    }
    SiteId site = thread.site();
    Map<CommentId, Comment> stored = reads.findAll(h, site, ids);
    Map<CommentId, Comment> parents = reads.findAll(h, site, parentsToLookUp(chunk, stored));

    // Decide each comment in order: stored already (or earlier in this call) is EXISTING; a new reply's
    // parent must be earlier in this call or stored, in the same thread and under the same root.
    Map<CommentId, Comment> earlier = new HashMap<>();
    List<InsertResult> results = new ArrayList<>(chunk.size());
    List<Comment> fresh = new ArrayList<>(chunk.size());
    for (Comment c : chunk) {
      Comment existing = stored.getOrDefault(c.id(), earlier.get(c.id()));
      if (existing != null) {
        results.add(InsertResult.existing(existing));
        earlier.putIfAbsent(c.id(), existing);
        continue;
      }
      c.parentId().ifPresent(parentId -> checkParent(c, earlier.getOrDefault(parentId, parents.get(parentId))));
      earlier.put(c.id(), c);
      fresh.add(c);
      results.add(InsertResult.created(c));
    }
    if (fresh.isEmpty()) {
      return results;
    }
    // Id order: concurrent batches with shared ids lock them in one order and cannot deadlock.
    fresh.sort(Comparator.comparing(Comment::id));
    PreparedBatch batch = h.prepareBatch(sql.insertComment);
    int approved = 0;
    for (Comment c : fresh) {
      rows.bindInsert(batch, c);
      batch.add();
      if (c.status() == Status.APPROVED) {
        approved++;
      }
    }
    batch.execute();
    addApproved(h, site, thread.key(), approved);
    return results;
  }

  /** The parents of the chunk's new replies that do not come earlier in the chunk: they must be stored. */
  private static Set<CommentId> parentsToLookUp(List<Comment> chunk, Map<CommentId, Comment> stored) {
    Set<CommentId> earlier = new HashSet<>();
    Set<CommentId> lookUp = new LinkedHashSet<>();
    for (Comment c : chunk) {
      if (!stored.containsKey(c.id()) && !earlier.contains(c.id())) {
        c.parentId().filter(p -> !earlier.contains(p)).ifPresent(lookUp::add);
      }
      earlier.add(c.id());
    }
    return lookUp;
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
      return now;
    });
  }

  int like(SiteId site, CommentId id, String clientKey) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientKey, "clientKey");
    Texts.checkClientKey(clientKey);
    return db.write(h -> {
      Comment current = reads.find(h, sql.lockComment, site, id)
          .orElseThrow(() -> new CommentNotFoundException(id));
      Query seen = h.createQuery(sql.likeExists).bind("site", site.value()).bind("client", clientKey);
      rows.bindId(seen, "id", id);
      if (seen.mapTo(Integer.class).findFirst().isPresent()) {
        return current.likes();
      }
      Update insert = h.createUpdate(sql.insertLike).bind("site", site.value()).bind("client", clientKey);
      rows.bindId(insert, "id", id);
      insert.execute();
      Update increment = h.createUpdate(sql.incrementLikes).bind("site", site.value());
      rows.bindId(increment, "id", id);
      increment.execute();
      return current.likes() + 1;
    });
  }

  void saveThread(ThreadInfo thread) {
    Objects.requireNonNull(thread, "thread");
    Texts.check(thread);
    db.write(h -> {
      Update u = h.createUpdate(sql.saveThread);
      CommentRows.bindThread(u, thread);
      return u.execute();
    });
  }

  /** Adds {@code delta} to the thread's approved count, in the caller's transaction. */
  private void addApproved(Handle h, SiteId site, ThreadKey thread, int delta) {
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
    return c.status() == Status.APPROVED ? 1 : 0;
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
