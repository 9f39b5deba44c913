package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ErasureMode;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.internal.ErasurePlan;
import dev.talkback.comments.spi.SitePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Erases an author's data in one transaction: reads their comments and the replies to them, removes what
 * no staying reply needs ({@link ErasurePlan}), blanks or anonymizes the rest, corrects the approved counts
 * and writes the log row. Runs again from the start after a conflict, like every write ({@link Db#write}).
 */
final class Erasures {
  private static final int PAGE = 10_000;

  private final Db db;
  private final Sql sql;
  private final CommentRows rows;
  private final Reads reads;
  private final Writes writes;

  Erasures(Db db, Sql sql, CommentRows rows, Reads reads, Writes writes) {
    this.db = db;
    this.sql = sql;
    this.rows = rows;
    this.reads = reads;
    this.writes = writes;
  }

  ErasureRecord erase(ErasureRequest request) {
    Objects.requireNonNull(request, "request");
    Texts.check("actor", request.actor());
    return db.write(h -> eraseIn(h, request));
  }

  private ErasureRecord eraseIn(Handle h, ErasureRequest request) {
    SiteId site = request.site();
    List<Comment> theirs = new ArrayList<>();
    SitePosition after = null;
    while (true) {
      List<Comment> page = reads.walk(h, site, after, PAGE, sql.authorMatch(request.author().normalizedEmail()),
          request.author());
      theirs.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      after = SitePosition.of(page.get(page.size() - 1));
    }
    boolean delete = request.mode() == ErasureMode.DELETE;
    Set<CommentId> remove = delete ? ErasurePlan.removable(theirs, replyParents(h, site, theirs)) : Set.of();
    List<CommentId> removed = new ArrayList<>(remove);
    List<CommentId> kept = new ArrayList<>();
    Map<ThreadKey, Integer> approvedLost = new HashMap<>();
    for (Comment c : theirs) {
      if (!remove.contains(c.id())) {
        kept.add(c.id());
      }
      if (c.status() == CommentStatus.APPROVED && (delete || remove.contains(c.id()))) {
        approvedLost.merge(c.thread(), 1, Integer::sum);
      }
    }
    for (List<CommentId> chunk : chunks(removed)) {
      execute(h, "DELETE FROM " + sql.likes + " WHERE " + sql.siteAnd("comment_id", "id", chunk.size()), site, chunk);
      execute(h, "DELETE FROM " + sql.comments + " WHERE " + sql.siteAnd("id", "id", chunk.size()), site, chunk);
    }
    String blank = "UPDATE " + sql.comments + " SET author_name = '', author_email = NULL, author_website = NULL,"
        + " author_user_id = NULL, author_key = NULL, ip_hash = NULL, edit_token_hash = NULL,"
        + " version = version + 1" + (delete ? ", status = 'DELETED', source = '', html = ''" : "") + " WHERE ";
    for (List<CommentId> chunk : chunks(kept)) {
      execute(h, blank + sql.siteAnd("id", "id", chunk.size()), site, chunk);
    }
    approvedLost.forEach((thread, n) -> writes.addApproved(h, site, thread, -n));
    ErasureRecord r = request.record(removed.size(), delete ? kept.size() : 0, delete ? 0 : kept.size());
    Update log = h.createUpdate("INSERT INTO " + sql.erasures + " (" + Sql.ERASURE_COLUMNS + ") VALUES (:site, :id,"
        + " :at, :actor, :mode, :byEmail, :byUserId, :deleted, :tombstoned, :anonymized)")
        .bind("site", site.value())
        .bind("at", Micros.of(r.at()))
        .bind("actor", r.actor())
        .bind("mode", r.mode().name())
        .bind("byEmail", r.byEmail())
        .bind("byUserId", r.byUserId())
        .bind("deleted", r.deleted())
        .bind("tombstoned", r.tombstoned())
        .bind("anonymized", r.anonymized());
    rows.bindId(log, "id", new CommentId(r.id()));
    log.execute();
    return new ErasureRecord(r.id(), r.site(), Micros.truncate(r.at()), r.actor(), r.mode(), r.byEmail(),
        r.byUserId(), r.deleted(), r.tombstoned(), r.anonymized());
  }

  /**
   * The parent of every stored reply to one of {@code theirs}, by reply id. A reply shares its parent's
   * root, so they are read by root ({@code replies_ix}).
   */
  private Map<CommentId, CommentId> replyParents(Handle h, SiteId site, List<Comment> theirs) {
    Set<CommentId> ids = new LinkedHashSet<>();
    Set<CommentId> roots = new LinkedHashSet<>();
    for (Comment c : theirs) {
      ids.add(c.id());
      roots.add(c.rootId());
    }
    Map<CommentId, CommentId> parents = new HashMap<>();
    for (List<CommentId> chunk : chunks(new ArrayList<>(roots))) {
      Query q = h.createQuery("SELECT id, parent_id FROM " + sql.comments + " WHERE "
          + sql.siteAnd("root_id", "id", chunk.size()) + " AND parent_id IS NOT NULL").bind("site", site.value());
      for (int i = 0; i < chunk.size(); i++) {
        rows.bindId(q, "id" + i, chunk.get(i));
      }
      q.map((rs, ctx) -> Map.entry(rows.readId(rs, "id"), rows.readId(rs, "parent_id")))
          .forEach(e -> {
            if (ids.contains(e.getValue())) {
              parents.put(e.getKey(), e.getValue());
            }
          });
    }
    return parents;
  }

  private void execute(Handle h, String statement, SiteId site, List<CommentId> ids) {
    Update u = h.createUpdate(statement).bind("site", site.value());
    for (int i = 0; i < ids.size(); i++) {
      rows.bindId(u, "id" + i, ids.get(i));
    }
    u.execute();
  }

  private static List<List<CommentId>> chunks(List<CommentId> ids) {
    List<List<CommentId>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += Reads.MAX_LIST) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + Reads.MAX_LIST)));
    }
    return chunks;
  }
}
