package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureMode;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.Keyset;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/** The read side of the store: each method one or two queries on one handle. */
final class Reads {
  /** The most values bound in one IN list. */
  static final int MAX_LIST = 1000;
  private static final CommentId MIN_ID = new CommentId(new UUID(0, 0));
  private static final CommentId MAX_ID = new CommentId(new UUID(-1L, -1L));

  private final Db db;
  private final Sql sql;
  private final CommentRows rows;

  Reads(Db db, Sql sql, CommentRows rows) {
    this.db = db;
    this.sql = sql;
    this.rows = rows;
  }

  Optional<Comment> find(SiteId site, CommentId id) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    return db.read(h -> find(h, sql.findComment, site, id));
  }

  /** The comment, read with {@code statement} ({@link Sql#findComment} or {@link Sql#lockComment}). */
  Optional<Comment> find(Handle h, String statement, SiteId site, CommentId id) {
    Query q = h.createQuery(statement).bind("site", site.value());
    rows.bindId(q, "id", id);
    return q.map(rows).findOne();
  }

  /** The stored comments of a site among {@code ids}, by id; at most {@link #MAX_LIST} ids. */
  Map<CommentId, Comment> findAll(Handle h, SiteId site, Collection<CommentId> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Query q = h.createQuery(sql.findComments(ids.size())).bind("site", site.value());
    int i = 0;
    for (CommentId id : ids) {
      rows.bindId(q, "id" + i++, id);
    }
    Map<CommentId, Comment> found = new HashMap<>();
    q.map(rows).forEach(c -> found.put(c.id(), c));
    return found;
  }

  ThreadSlice thread(ThreadQuery query) {
    Objects.requireNonNull(query, "query");
    List<CommentStatus> statuses = new ArrayList<>(EnumSet.copyOf(query.statuses()));
    @Nullable Keyset after = query.after();
    return db.read(h -> {
      Query q = h.createQuery(sql.roots(query.sort(), after != null, statuses.size()))
          .bind("site", query.site().value())
          .bind("thread", query.thread().value())
          .bind("limit", query.limit());
      bindStatuses(q, statuses);
      if (after != null) {
        bindKeyset(q, query, after);
      }
      List<Comment> roots = q.map(rows).list();
      if (roots.isEmpty()) {
        return ThreadSlice.empty();
      }
      Query r = h.createQuery(sql.replies(roots.size(), statuses.size())).bind("site", query.site().value());
      for (int i = 0; i < roots.size(); i++) {
        rows.bindId(r, "root" + i, roots.get(i).id());
      }
      bindStatuses(r, statuses);
      return new ThreadSlice(roots, r.map(rows).list());
    });
  }

  /**
   * Binds the keyset. A stored comment's instant is whole microseconds; a keyset with a finer instant is
   * turned into the equivalent whole-microsecond one, so the comparison stays exactly the Java one.
   */
  private void bindKeyset(Query q, ThreadQuery query, Keyset after) {
    Instant created = after.created();
    long micros = Micros.of(created);
    CommentId id = after.id();
    if (!Micros.truncate(created).equals(created)) {
      // Between two whole microseconds: "after" it in ascending order means at or after the next
      // microsecond; in descending order (NEWEST), at or before the previous one.
      if (query.sort() == CommentSort.NEWEST) {
        micros = micros + 1;
        id = MIN_ID;
      } else {
        id = MAX_ID;
      }
    }
    q.bind("created", micros).bind("score", after.score()).bind("negScore", -after.score());
    rows.bindId(q, "id", id);
  }

  private static void bindStatuses(Query q, List<CommentStatus> statuses) {
    for (int i = 0; i < statuses.size(); i++) {
      q.bind("status" + i, statuses.get(i).name());
    }
  }

  Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    Objects.requireNonNull(site, "site");
    Set<ThreadKey> keys = new LinkedHashSet<>(threads);
    Map<ThreadKey, Integer> result = new HashMap<>(keys.size() * 2);
    for (ThreadKey key : keys) {
      result.put(Objects.requireNonNull(key, "thread key"), 0);
    }
    if (keys.isEmpty()) {
      return Map.of();
    }
    List<ThreadKey> all = new ArrayList<>(keys);
    db.read(h -> {
      for (int from = 0; from < all.size(); from += MAX_LIST) {
        List<ThreadKey> chunk = all.subList(from, Math.min(all.size(), from + MAX_LIST));
        Query q = h.createQuery(sql.counts(chunk.size())).bind("site", site.value());
        for (int i = 0; i < chunk.size(); i++) {
          q.bind("thread" + i, chunk.get(i).value());
        }
        q.map((rs, ctx) -> Map.entry(ThreadKey.of(rs.getString(1)), rs.getInt(2)))
            .forEach(e -> result.put(e.getKey(), e.getValue()));
      }
      return null;
    });
    return Collections.unmodifiableMap(result);
  }

  List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(status, "status");
    checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    return db.read(h -> h.createQuery(sql.byStatus)
        .bind("site", site.value())
        .bind("status", status.name())
        .bind("limit", limit)
        .map(rows)
        .list());
  }

  List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(authorKey, "authorKey");
    checkLimit(limit);
    if (limit == 0 || !Texts.isStorableKey(authorKey, Texts.MAX_AUTHOR_KEY)) {
      return List.of(); // no stored comment has such a key
    }
    return db.read(h -> h.createQuery(sql.byAuthor)
        .bind("site", site.value())
        .bind("authorKey", authorKey)
        .bind("limit", limit)
        .map(rows)
        .list());
  }

  boolean hasApproved(SiteId site, String authorKey) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(authorKey, "authorKey");
    if (!Texts.isStorableKey(authorKey, Texts.MAX_AUTHOR_KEY)) {
      return false;
    }
    return db.read(h -> h.createQuery(sql.hasApproved)
        .bind("site", site.value())
        .bind("authorKey", authorKey)
        .mapTo(Integer.class)
        .findFirst()
        .isPresent());
  }

  Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(thread, "thread");
    return db.read(h -> h.createQuery(sql.threadInfo)
        .bind("site", site.value())
        .bind("thread", thread.value())
        .map(CommentRows::thread)
        .findOne());
  }

  List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    Objects.requireNonNull(site, "site");
    checkPageLimit(limit);
    return db.read(h -> walk(h, site, after, limit, "", null));
  }

  List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(author, "author");
    checkPageLimit(limit);
    return db.read(h -> walk(h, site, after, limit, sql.authorMatch(author.normalizedEmail()), author));
  }

  /**
   * A page of a site walk on {@code h}, matching {@code author} if given ({@link Sql#AUTHOR_MATCH}, checked
   * again with {@link AuthorMatch#matches}, which is the definition).
   */
  List<Comment> walk(Handle h, SiteId site, @Nullable SitePosition after, int limit, String condition,
      @Nullable AuthorMatch author) {
    SitePosition from = after;
    List<Comment> theirs = new ArrayList<>();
    while (true) {
      Query q = h.createQuery(sql.siteWalk(from != null, condition))
          .bind("site", site.value())
          .bind("limit", limit);
      if (author != null) {
        String email = author.normalizedEmail();
        q.bind("userId", author.userId()).bind("email", email)
            .bind("emailKey", email == null ? null : "email:" + email)
            .bind("emailUpper", email == null ? null : email.toUpperCase(Locale.ROOT));
      }
      if (from != null) {
        Instant created = from.created();
        CommentId id = from.id();
        if (!Micros.truncate(created).equals(created)) {
          id = MAX_ID; // between two stored microseconds: continue after every id of the earlier one
        }
        q.bind("thread", from.thread().value()).bind("created", Micros.of(created));
        rows.bindId(q, "id", id);
      }
      List<Comment> page = q.map(rows).list();
      if (author == null) {
        return page;
      }
      // The database's rows are a superset (AUTHOR_MATCH); Java drops the others. A page shorter than the
      // limit must mean the walk is over, since callers (the erasure, exports) stop at one: so rows the
      // database matched and Java did not never shorten a page, the walk reads on until it is full or done.
      for (Comment c : page) {
        if (author.matches(c.author())) {
          theirs.add(c);
          if (theirs.size() == limit) {
            return theirs;
          }
        }
      }
      if (page.size() < limit) {
        return theirs;
      }
      from = SitePosition.of(page.get(page.size() - 1));
    }
  }

  List<ErasureRecord> erasures(SiteId site, int limit) {
    Objects.requireNonNull(site, "site");
    checkLimit(limit);
    if (limit == 0) {
      return List.of();
    }
    return db.read(h -> h.createQuery("SELECT " + Sql.ERASURE_COLUMNS + " FROM " + sql.erasures
            + " WHERE site = :site ORDER BY erased_us DESC, id DESC LIMIT :limit")
        .bind("site", site.value())
        .bind("limit", limit)
        .map((rs, ctx) -> new ErasureRecord(rows.readId(rs, "id").value(), SiteId.of(rs.getString("site")),
            Micros.toInstant(rs.getLong("erased_us")), rs.getString("actor"), ErasureMode.valueOf(rs.getString("mode")),
            rs.getBoolean("by_email"), rs.getBoolean("by_user_id"), rs.getInt("deleted"), rs.getInt("tombstoned"),
            rs.getInt("anonymized")))
        .list());
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
}
