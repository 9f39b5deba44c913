package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.notification.ChangeEvents;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.spi.NotificationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/**
 * The outbox, subscriptions and link nonces in {@code <prefix>outbox}, {@code <prefix>subscriptions} and
 * {@code <prefix>link_nonces}: a plain {@link NotificationStore} whose failures are Jdbi's exceptions,
 * untranslated. {@link #events} writes a change's events on the change's own handle, inside its transaction.
 *
 * <p><b>Staging.</b> Those events go to {@code <prefix>outbox_new} (schema version 7), a table keyed by a
 * sequence alone, with no other index: on H2 every B-tree a transaction touched is copied at its commit, and
 * the outbox's four (primary key, dedupe key, {@code (state, due_us)}, the rows) cost a post about a fifth of
 * its CPU. {@link #claim} first {@linkplain #move moves} staged rows into the outbox, in a transaction of its
 * own, dropping those whose dedupe key (or id) the outbox already holds, as {@link #enqueue} would; everything
 * else (delivery state, leases, dedupe on enqueue) lives in the outbox as before. Readers that must see
 * pending events ({@link #message}, {@link #backlog}, {@link #enqueue}'s dedupe check) read both tables.
 *
 * <p>A claim selects due, unleased rows {@code FOR UPDATE SKIP LOCKED} (PostgreSQL, MariaDB 10.6+, MySQL 8, H2
 * 2.x), so concurrent claimers pass each other's rows by, and then leases each with an update whose condition
 * repeats the selection's: a row is claimed only if that update changed it, which stays true on any isolation
 * level.
 */
public final class Outbox implements NotificationStore {
  private static final String COLUMNS = "id, site, kind, comment_id, target, cause, dedupe_key, created_us, due_us,"
      + " attempts, last_error";
  private static final String SUB_COLUMNS = "id, site, email, scope, comment_id, thread_key, created_us,"
      + " confirmed_us";

  private final Db db;
  private final Dialect dialect;
  private final String outbox;
  /** Where {@link #events} writes: moved into {@link #outbox} by {@link #move}. */
  private final String staged;
  private final String subs;
  private final String nonces;
  /** How the dedupe key of every event {@link ChangeEvents} makes, and so of every staged row, starts. */
  private static final String STAGED_KEYS = "event:";

  /** The most staged rows {@link #move} takes in one transaction. */
  static final int MOVE_BATCH = 200;

  /** {@link #events}' insert into the staging table: the parameters of {@link #setEventAt}. */
  private final String insertEvent;

  Outbox(Db db, Dialect dialect, String prefix) {
    this.db = db;
    this.dialect = dialect;
    this.outbox = table(prefix);
    this.staged = stagingTable(prefix);
    this.insertEvent = "INSERT INTO " + staged + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.subs = prefix + "subscriptions";
    this.nonces = prefix + "link_nonces";
  }

  /** The outbox table for a prefix. */
  static String table(String prefix) {
    return prefix + "outbox";
  }

  /** The staging table of a prefix's outbox (schema version 7). */
  static String stagingTable(String prefix) {
    return prefix + "outbox_new";
  }

  /** A statement that reads nothing from the outbox table: to check that V3 was applied. */
  static String probe(String prefix) {
    return "SELECT 1 FROM " + table(prefix) + " WHERE 1 = 0";
  }

  /** A statement that reads nothing from the staging table: to check that V7 was applied. */
  static String probeStaging(String prefix) {
    return "SELECT 1 FROM " + stagingTable(prefix) + " WHERE 1 = 0";
  }

  /**
   * Writes a change's events on the change's handle, inside its transaction, into the staging table (which
   * {@link #move} empties into the outbox). A plain JDBC statement (one row, or a batch of several) with the
   * positional parameters of {@link #setEventAt}: this runs in every post's transaction on MariaDB, MySQL and
   * H2, where a Jdbi batch's own set-up (a statement context, the named parameters parsed and bound by name)
   * cost about as much as H2's insert itself.
   */
  void events(Handle h, List<OutboxMessage> events) {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = h.getConnection().prepareStatement(insertEvent)) {
      if (db.queryTimeoutSeconds() > 0) {
        ps.setQueryTimeout(db.queryTimeoutSeconds());
      }
      if (events.size() == 1) {
        setEventAt(ps, 1, events.get(0));
        ps.executeUpdate();
        return;
      }
      for (OutboxMessage m : events) {
        setEventAt(ps, 1, m);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException("could not write " + events.size() + " outbox events", e, null);
    }
  }

  /**
   * PostgreSQL: a data-modifying CTE, {@code events AS (...)} writing to the staging table, to append to the
   * one-statement chunk insert ({@code Sql#insertChunkIfAbsent}, whose CTE {@code created} returns the ids it
   * inserted): the events are the rows of a {@code VALUES} list (bound with {@link #setEventAt}, after the
   * insert's own parameters) joined to those ids, so only the comments the statement created get theirs. The
   * same rows as {@link #events}, without a round trip of their own.
   *
   * @param events how many event rows are bound
   * @return the CTE, starting with {@code events AS}
   */
  String eventsOfCreated(int events) {
    String row = "(CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar),"
        + " CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS bigint), CAST(? AS bigint),"
        + " CAST(? AS integer), CAST(? AS varchar))";
    StringBuilder b = new StringBuilder(events * (row.length() + 2) + 400)
        .append("events AS (INSERT INTO ").append(staged).append(" (").append(COLUMNS)
        .append(") SELECT e.id, e.site, e.kind, e.comment_id, e.target, e.cause, e.dedupe_key,")
        .append(" e.created_us, e.due_us, e.attempts, e.last_error FROM (VALUES ");
    for (int i = 0; i < events; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(row);
    }
    return b.append(") AS e (").append(COLUMNS).append(") JOIN created c ON c.id = CAST(e.comment_id AS uuid))")
        .toString();
  }

  /**
   * Sets one event's parameters of {@link #eventsOfCreated} from {@code position} on.
   *
   * @return the position after them
   */
  static int setEventAt(PreparedStatement ps, int position, OutboxMessage m) throws SQLException {
    int p = position;
    ps.setString(p++, m.id());
    ps.setString(p++, m.site().value());
    ps.setString(p++, m.kind().name());
    ps.setString(p++, m.commentId() == null ? null : m.commentId().toString());
    ps.setString(p++, m.target());
    ps.setString(p++, m.cause() == null ? null : m.cause().name());
    ps.setString(p++, m.dedupeKey());
    ps.setLong(p++, Micros.of(m.created()));
    ps.setLong(p++, Micros.of(m.due()));
    ps.setInt(p++, m.attempts());
    ps.setString(p++, m.lastError());
    return p;
  }

  private static void bind(org.jdbi.v3.core.statement.SqlStatement<?> s, OutboxMessage m) {
    s.bind("id", m.id())
        .bind("site", m.site().value())
        .bind("kind", m.kind().name())
        .bind("comment", m.commentId() == null ? null : m.commentId().toString())
        .bind("target", m.target())
        .bind("cause", m.cause() == null ? null : m.cause().name())
        .bind("dedupe", m.dedupeKey())
        .bind("created", Micros.of(m.created()))
        .bind("due", Micros.of(m.due()))
        .bind("attempts", m.attempts())
        .bind("error", m.lastError());
  }

  private boolean enqueue(Handle h, OutboxMessage m) {
    Texts.check("outbox dedupe key", m.dedupeKey());
    if (m.target() != null) {
      Texts.check("outbox target", m.target());
    }
    // a staged event holds its key too. Only ChangeEvents' keys (event:<kind>:<comment>:<version>) are ever
    // staged, so only those are looked for there (a scan: the staging table has no index, and claims keep it
    // short; a subscription's confirmation, enqueued while a reader posts, never scans it). One staged after
    // this look is dropped when it is moved, since the outbox then holds the key.
    if (m.dedupeKey().startsWith(STAGED_KEYS)) {
      boolean staging = h.createQuery("SELECT 1 FROM " + staged + " WHERE dedupe_key = :dedupe")
          .bind("dedupe", m.dedupeKey()).mapTo(Integer.class).findFirst().isPresent();
      if (staging) {
        return false;
      }
    }
    String insert = "INSERT INTO " + outbox + " (" + COLUMNS + ", state) VALUES (:id, :site, :kind, :comment,"
        + " :target, :cause, :dedupe, :created, :due, :attempts, :error, 'P')";
    if (dialect == Dialect.POSTGRESQL) {
      Update u = h.createUpdate(insert + " ON CONFLICT (dedupe_key) DO NOTHING");
      bind(u, m);
      return u.execute() > 0;
    }
    // MariaDB, MySQL, H2: look the key up; a concurrent insert of the same key fails on the unique key and
    // Db.write runs the transaction again, which then finds it.
    boolean taken = h.createQuery("SELECT 1 FROM " + outbox + " WHERE dedupe_key = :dedupe")
        .bind("dedupe", m.dedupeKey()).mapTo(Integer.class).findFirst().isPresent();
    if (taken) {
      return false;
    }
    Update u = h.createUpdate(insert);
    bind(u, m);
    return u.execute() > 0;
  }

  @Override
  public boolean enqueue(OutboxMessage message) {
    Objects.requireNonNull(message, "message");
    return db.write(h -> enqueue(h, message));
  }

  @Override
  public List<OutboxMessage> claim(String owner, Instant now, Duration lease, int max) {
    Objects.requireNonNull(owner, "owner");
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    long at = Micros.of(now);
    long until = Micros.of(now.plus(lease));
    moveAll(max);
    String due = " WHERE state = 'P' AND due_us <= :now AND (lease_until_us IS NULL OR lease_until_us <= :now)";
    return db.write(h -> {
      List<String> ids = h.createQuery("SELECT id FROM " + outbox + due + " ORDER BY due_us, id"
              + " LIMIT " + max + " FOR UPDATE SKIP LOCKED")
          .bind("now", at).mapTo(String.class).list();
      List<OutboxMessage> claimed = new ArrayList<>(ids.size());
      for (String id : ids) {
        int n = h.createUpdate("UPDATE " + outbox + " SET lease_owner = :owner, lease_until_us = :until" + due
                + " AND id = :id")
            .bind("owner", owner.length() > 100 ? owner.substring(0, 100) : owner)
            .bind("until", until).bind("now", at).bind("id", id).execute();
        if (n == 1) {
          find(h, id).ifPresent(claimed::add);
        }
      }
      return claimed;
    });
  }

  /**
   * Moves staged events into the outbox, one {@link #MOVE_BATCH} per transaction, until the staging table is
   * empty (or what is left is locked by another mover), or at least {@code atLeast} rows, and at least 20
   * batches' worth, were taken: a claim after a long outage moves a bounded share, and the next goes on.
   */
  private void moveAll(int atLeast) {
    int taken = 0;
    while (true) {
      int n = db.write(h -> move(h, MOVE_BATCH));
      taken += n;
      if (n < MOVE_BATCH || taken >= Math.max(atLeast, MOVE_BATCH * 20)) {
        return;
      }
    }
  }

  /**
   * Moves up to {@code limit} staged events into the outbox on {@code h}, which must be in a transaction: the
   * rows are locked {@code FOR UPDATE SKIP LOCKED} (so a concurrent mover takes others), copied into the
   * outbox as pending unless the outbox already holds their dedupe key or id, or an earlier row of the same
   * batch has the key, and deleted from the staging table, all in that transaction: a crash before its commit
   * moves nothing, and after it everything once. Two movers that copy two rows of one key at once collide on
   * the outbox's unique key; {@link Db#write} runs the loser again, and it then finds the key taken.
   *
   * @return how many staged rows were taken (copied or dropped)
   */
  int move(Handle h, int limit) {
    List<Staged> rows = h.createQuery("SELECT seq, id, dedupe_key FROM " + staged + " ORDER BY seq LIMIT " + limit
            + " FOR UPDATE SKIP LOCKED")
        .map((rs, ctx) -> new Staged(rs.getLong("seq"), rs.getString("id"), rs.getString("dedupe_key"))).list();
    if (rows.isEmpty()) {
      return 0;
    }
    // which keys and ids the outbox holds: plain reads, one per unique index (H2 would scan the table for an
    // OR of the two); a row committed after them fails the copy below on a unique key, and the retry sees it
    Set<String> keys = taken(h, "dedupe_key", rows.stream().map(Staged::dedupeKey).toList());
    Set<String> ids = taken(h, "id", rows.stream().map(Staged::id).toList());
    StringBuilder copy = new StringBuilder();
    StringBuilder all = new StringBuilder();
    for (Staged r : rows) {
      all.append(all.length() == 0 ? "" : ", ").append(r.seq());
      if (!ids.contains(r.id()) && keys.add(r.dedupeKey())) {
        ids.add(r.id());
        copy.append(copy.length() == 0 ? "" : ", ").append(r.seq());
      }
    }
    if (copy.length() > 0) {
      h.createUpdate("INSERT INTO " + outbox + " (" + COLUMNS + ", state) SELECT " + COLUMNS + ", 'P' FROM " + staged
          + " WHERE seq IN (" + copy + ")").execute();
    }
    h.createUpdate("DELETE FROM " + staged + " WHERE seq IN (" + all + ")").execute();
    return rows.size();
  }

  /** Which of {@code values} the outbox holds in {@code column} (the id or the dedupe key). */
  private Set<String> taken(Handle h, String column, List<String> values) {
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      marks.append(i == 0 ? "?" : ", ?");
    }
    Query q = h.createQuery("SELECT " + column + " FROM " + outbox + " WHERE " + column + " IN (" + marks + ")");
    for (int i = 0; i < values.size(); i++) {
      q.bind(i, values.get(i));
    }
    return new HashSet<>(q.mapTo(String.class).list());
  }

  /** A staged row's key and what decides whether it is copied. */
  private record Staged(long seq, String id, String dedupeKey) {}

  @Override
  public void expand(OutboxMessage event, List<OutboxMessage> deliveries, Instant now) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(deliveries, "deliveries");
    db.write(h -> {
      for (OutboxMessage d : deliveries) {
        enqueue(h, d);
      }
      markDone(h, event.id(), Micros.of(now));
      return null;
    });
  }

  private void markDone(Handle h, String id, long at) {
    h.createUpdate("UPDATE " + outbox + " SET state = 'D', done_us = :at, lease_owner = NULL, lease_until_us = NULL"
        + " WHERE id = :id").bind("at", at).bind("id", id).execute();
  }

  @Override
  public void delivered(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    long when = Micros.of(at);
    db.write(h -> {
      markDone(h, id, when);
      return null;
    });
  }

  @Override
  public void retry(String id, Instant due, String error) {
    Objects.requireNonNull(id, "id");
    long when = Micros.of(due);
    String cut = clean(error);
    db.write(h -> h.createUpdate("UPDATE " + outbox + " SET attempts = attempts + 1, due_us = :due,"
            + " last_error = :error, lease_owner = NULL, lease_until_us = NULL WHERE id = :id AND state = 'P'")
        .bind("due", when).bind("error", cut).bind("id", id).execute());
  }

  @Override
  public void abandon(String id, Instant at, String error) {
    Objects.requireNonNull(id, "id");
    long when = Micros.of(at);
    String cut = clean(error);
    db.write(h -> h.createUpdate("UPDATE " + outbox + " SET state = 'F', attempts = attempts + 1, done_us = :at,"
            + " last_error = :error, lease_owner = NULL, lease_until_us = NULL WHERE id = :id AND state = 'P'")
        .bind("at", when).bind("error", cut).bind("id", id).execute());
  }

  /** An error text any database keeps: cut, without NULs or lone surrogates. */
  private static String clean(String error) {
    StringBuilder b = new StringBuilder(Math.min(error.length(), 1000));
    for (int i = 0; i < error.length() && b.length() < 999; i++) {
      char c = error.charAt(i);
      if (c == 0 || Character.isSurrogate(c)) {
        b.append('?');
      } else {
        b.append(c);
      }
    }
    return NotificationStore.cut(b.toString());
  }

  @Override
  public Optional<OutboxMessage> message(String id) {
    Objects.requireNonNull(id, "id");
    return db.read(h -> find(h, id));
  }

  private Optional<OutboxMessage> find(Handle h, String id) {
    Optional<OutboxMessage> m = h.createQuery("SELECT " + COLUMNS + " FROM " + outbox + " WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> message(rs)).findFirst();
    if (m.isPresent()) {
      return m;
    }
    // not moved yet (a scan of the staging table, which claims keep short)
    return h.createQuery("SELECT " + COLUMNS + " FROM " + staged + " WHERE id = :id ORDER BY seq").bind("id", id)
        .map((rs, ctx) -> message(rs)).findFirst();
  }

  private static OutboxMessage message(ResultSet rs) throws SQLException {
    String comment = rs.getString("comment_id");
    String cause = rs.getString("cause");
    return new OutboxMessage(rs.getString("id"), SiteId.of(rs.getString("site")),
        OutboxMessage.Kind.valueOf(rs.getString("kind")), comment == null ? null : CommentId.parse(comment),
        rs.getString("target"), cause == null ? null : OutboxMessage.Kind.valueOf(cause),
        rs.getString("dedupe_key"), Micros.toInstant(rs.getLong("created_us")),
        Micros.toInstant(rs.getLong("due_us")), rs.getInt("attempts"), rs.getString("last_error"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Staged events count as pending (a staged event whose dedupe key is taken counts until a claim moves,
   * and so drops, it).
   */
  @Override
  public long backlog() {
    return db.read(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM " + outbox + " WHERE state = 'P')"
            + " + (SELECT COUNT(*) FROM " + staged + ")").mapTo(Long.class).one());
  }

  // ---- subscriptions

  @Override
  public Subscription subscribe(Subscription s, OutboxMessage confirmation) {
    Objects.requireNonNull(s, "subscription");
    Objects.requireNonNull(confirmation, "confirmation");
    Texts.check("email", s.email());
    return db.write(h -> {
      Optional<Subscription> same = h.createQuery("SELECT " + SUB_COLUMNS + " FROM " + subs + " WHERE site = :site"
              + " AND email = :email AND scope = :scope AND comment_id = :comment AND thread_key = :thread")
          .bind("site", s.site().value()).bind("email", s.email()).bind("scope", s.scope().name())
          .bind("comment", commentKey(s.commentId())).bind("thread", s.thread().value())
          .map((rs, ctx) -> subscription(rs)).findFirst();
      if (same.isPresent()) {
        return same.get();
      }
      boolean confirmed = h.createQuery("SELECT 1 FROM " + subs + " WHERE site = :site AND email = :email"
              + " AND confirmed_us IS NOT NULL")
          .bind("site", s.site().value()).bind("email", s.email()).mapTo(Integer.class).findFirst().isPresent();
      Subscription stored = confirmed ? s.confirmedAt(s.created()) : s;
      h.createUpdate("INSERT INTO " + subs + " (" + SUB_COLUMNS + ") VALUES (:id, :site, :email, :scope, :comment,"
              + " :thread, :created, :confirmed)")
          .bind("id", stored.id()).bind("site", stored.site().value()).bind("email", stored.email())
          .bind("scope", stored.scope().name()).bind("comment", commentKey(stored.commentId()))
          .bind("thread", stored.thread().value()).bind("created", Micros.of(stored.created()))
          .bind("confirmed", stored.confirmedAt() == null ? null : Micros.of(stored.confirmedAt()))
          .execute();
      if (!confirmed) {
        enqueue(h, confirmation);
      }
      return stored;
    });
  }

  private static String commentKey(@Nullable CommentId id) {
    return id == null ? "" : id.toString();
  }

  private static Subscription subscription(ResultSet rs) throws SQLException {
    String comment = rs.getString("comment_id");
    long confirmed = rs.getLong("confirmed_us");
    boolean none = rs.wasNull();
    return new Subscription(rs.getString("id"), SiteId.of(rs.getString("site")), rs.getString("email"),
        Subscription.Scope.valueOf(rs.getString("scope")),
        comment == null || comment.isEmpty() ? null : CommentId.parse(comment), ThreadKey.of(rs.getString("thread_key")),
        Micros.toInstant(rs.getLong("created_us")), none ? null : Micros.toInstant(confirmed));
  }

  @Override
  public Optional<Subscription> subscription(SiteId site, String id) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(id, "id");
    return db.read(h -> h.createQuery("SELECT " + SUB_COLUMNS + " FROM " + subs + " WHERE site = :site AND id = :id")
        .bind("site", site.value()).bind("id", id).map((rs, ctx) -> subscription(rs)).findFirst());
  }

  @Override
  public List<Subscription> subscribers(SiteId site, @Nullable CommentId parent, ThreadKey thread) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(thread, "thread");
    return db.read(h -> h.createQuery("SELECT " + SUB_COLUMNS + " FROM " + subs + " WHERE site = :site"
            + " AND confirmed_us IS NOT NULL AND ((scope = 'THREAD' AND thread_key = :thread)"
            + " OR (scope = 'REPLIES' AND comment_id = :parent)) ORDER BY created_us, id")
        .bind("site", site.value()).bind("thread", thread.value())
        .bind("parent", parent == null ? "-" : parent.toString())
        .map((rs, ctx) -> subscription(rs)).list());
  }

  @Override
  public int confirm(SiteId site, String subscriptionId, Instant at) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    long when = Micros.of(at);
    return db.write(h -> {
      Optional<String> email = h.createQuery("SELECT email FROM " + subs + " WHERE site = :site AND id = :id")
          .bind("site", site.value()).bind("id", subscriptionId).mapTo(String.class).findFirst();
      if (email.isEmpty()) {
        return 0;
      }
      return h.createUpdate("UPDATE " + subs + " SET confirmed_us = :at WHERE site = :site AND email = :email"
              + " AND confirmed_us IS NULL")
          .bind("at", when).bind("site", site.value()).bind("email", email.get()).execute();
    });
  }

  @Override
  public boolean unsubscribe(SiteId site, String subscriptionId) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    return db.write(h -> h.createUpdate("DELETE FROM " + subs + " WHERE site = :site AND id = :id")
        .bind("site", site.value()).bind("id", subscriptionId).execute() > 0);
  }

  // ---- nonces

  @Override
  public boolean useOnce(String nonce, Instant expires, Instant now) {
    Objects.requireNonNull(nonce, "nonce");
    if (nonce.isEmpty() || nonce.length() > 64) {
      throw new IllegalArgumentException("nonce must be 1 to 64 characters");
    }
    long exp = Micros.of(expires);
    long at = Micros.of(now);
    return db.write(h -> {
      h.createUpdate("DELETE FROM " + nonces + " WHERE expires_us < :now").bind("now", at).execute();
      String insert = "INSERT INTO " + nonces + " (nonce, expires_us) VALUES (:nonce, :expires)";
      if (dialect == Dialect.POSTGRESQL) {
        return h.createUpdate(insert + " ON CONFLICT (nonce) DO NOTHING").bind("nonce", nonce).bind("expires", exp)
            .execute() > 0;
      }
      if (usedOn(h, nonce)) {
        return false;
      }
      return h.createUpdate(insert).bind("nonce", nonce).bind("expires", exp).execute() > 0;
    });
  }

  @Override
  public boolean used(String nonce) {
    Objects.requireNonNull(nonce, "nonce");
    return db.read(h -> usedOn(h, nonce));
  }

  private boolean usedOn(Handle h, String nonce) {
    return h.createQuery("SELECT 1 FROM " + nonces + " WHERE nonce = :nonce").bind("nonce", nonce)
        .mapTo(Integer.class).findFirst().isPresent();
  }

  @Override
  public String toString() {
    return "JdbiNotificationStore{" + outbox + "}";
  }
}
