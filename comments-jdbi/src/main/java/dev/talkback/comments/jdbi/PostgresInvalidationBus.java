package dev.talkback.comments.jdbi;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.InvalidationBus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache invalidation between app nodes over PostgreSQL's LISTEN/NOTIFY: a comment posted, approved, edited,
 * liked or deleted through any node, replayed from any node's spool, imported, erased or changed by hand in
 * SQL outdates that thread's cached pages on every node within milliseconds. No new infrastructure: the
 * database that holds the comments carries the messages.
 *
 * <pre>{@code
 * PGSimpleDataSource listen = new PGSimpleDataSource();        // not the pool: one connection of its own
 * listen.setURL("jdbc:postgresql://db1:5432,db2:5432/blog?targetServerType=primary&currentSchema=talkback");
 * listen.setUser("blog");
 * listen.setPassword(password);
 * listen.setApplicationName("talkback-listener");
 * PostgresInvalidationBus bus = PostgresInvalidationBus.builder(listen).tablePrefix("talkback_").build();
 * Comments comments = Comments.builder().store(store).invalidationBus(bus).build();   // starts listening
 * // on shutdown: comments.close(); bus.close();
 * }</pre>
 *
 * <p><b>Who sends.</b> Not the nodes: schema version 6 ({@code V6__several_nodes.sql}) has a trigger on the
 * comments and threads tables that notifies channel {@code <prefix>changes} of every thread a statement
 * touched, as part of its transaction. So a notification goes out exactly when a change commits, whoever
 * made it, and {@link #publish} does nothing. A node hears its own changes back, which costs one extra
 * reload of a page it had already outdated.
 *
 * <p><b>Who listens.</b> Once {@code Comments} {@linkplain #subscribe subscribes}, a daemon thread opens one
 * connection from the data source given to {@link #builder}, keeps it for as long as it works, and runs
 * {@code LISTEN} on it. Give it a data source that opens a plain connection (pgjdbc's
 * {@code PGSimpleDataSource}): the connection is held for the bus's life, so a pool would lose a slot for
 * good (allowed: then size the pool one larger). The connection must see the comment tables under the
 * same search path as the store's ({@code currentSchema}), and should follow the primary
 * ({@code targetServerType=primary} with several hosts): notifications come from the server where the
 * writes commit. Listening never touches a write: the writes' own connections only queue a notification.
 *
 * <p><b>Lost connection.</b> Every {@link Builder#heartbeat heartbeat} the listener asks the server whether
 * it is still a primary, with the heartbeat as the network timeout; a broken, half-open or demoted
 * connection is closed and a new one opened, after 100 ms, then doubling up to
 * {@link Builder#maxBackoff maxBackoff} (with jitter) while it fails. Notifications sent while no connection
 * listened are lost, so after every new {@code LISTEN} the bus tells {@code Comments} to outdate its whole
 * cache ({@link InvalidationBus#subscribeToFlushes}); pages are reloaded on their next read, and served
 * stale meanwhile if the database cannot be read. Until the connection is back the node may serve pages
 * changed elsewhere; {@link #listening()} says whether it listens now.
 *
 * <p>Needs the PostgreSQL JDBC driver ({@code org.postgresql:postgresql}) on the class path, and the tables
 * at schema version 6 (Flyway applies it; by hand, apply {@code V6__several_nodes.sql}). MariaDB, MySQL and
 * H2 have no LISTEN/NOTIFY: see docs/operations.md for what several nodes on them get. Thread-safe.
 */
public final class PostgresInvalidationBus implements InvalidationBus, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresInvalidationBus.class);
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final Pattern LINE_FEED = Pattern.compile("\n");

  private final DataSource dataSource;
  private final String prefix;
  private final String channel;
  private final long heartbeatMillis;
  private final long maxBackoffMillis;
  private final ThreadFactory threads;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong flushes = new AtomicLong();
  private final Object lock = new Object();
  private volatile @Nullable BiConsumer<SiteId, ThreadKey> receiver;
  private volatile @Nullable Runnable flushAll;
  private volatile boolean listening;
  private volatile boolean closed;
  private @Nullable Thread listener;
  private volatile @Nullable Connection connection;

  private PostgresInvalidationBus(Builder b) {
    this.dataSource = b.dataSource;
    this.prefix = b.prefix;
    this.channel = b.prefix + "changes";
    this.heartbeatMillis = b.heartbeat.toMillis();
    this.maxBackoffMillis = b.maxBackoff.toMillis();
    this.threads = b.threads;
  }

  /**
   * A builder for a bus whose listener takes its connection from {@code dataSource}.
   *
   * @param dataSource opens the listener's connection (see the class comment: a plain data source, not the
   *     pool, on the primary, with the store's search path)
   * @return a new builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Does nothing: the database's triggers notify every node when a change commits (see the class comment). */
  @Override
  public void publish(SiteId site, ThreadKey thread) {}

  /**
   * Registers the receiver and starts listening on a daemon thread. Never blocks and never connects on the
   * caller's thread, so a node starts while the database is down.
   *
   * @param receiver outdates a thread on this node
   * @throws IllegalStateException if a receiver is registered already, or the bus is closed
   */
  @Override
  public void subscribe(BiConsumer<SiteId, ThreadKey> receiver) {
    Objects.requireNonNull(receiver, "receiver");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the invalidation bus is closed");
      }
      if (this.receiver != null) {
        throw new IllegalStateException("the invalidation bus serves one Comments; build one bus per Comments");
      }
      this.receiver = receiver;
      Thread t = threads.newThread(this::listen);
      t.setDaemon(true);
      listener = t;
      t.start();
    }
  }

  /**
   * Registers what outdates the whole cache: run after every new {@code LISTEN}.
   *
   * @param flushAll outdates every cached entry of this node
   */
  @Override
  public void subscribeToFlushes(Runnable flushAll) {
    this.flushAll = Objects.requireNonNull(flushAll, "flushAll");
  }

  /**
   * Whether the listener is connected and listening now. False before the first connection, while it
   * reconnects, and after {@link #close()}.
   *
   * @return whether invalidations from other nodes arrive now
   */
  public boolean listening() {
    return listening;
  }

  /**
   * How many notifications of this bus's schema arrived since it was built (including this node's own).
   *
   * @return the count
   */
  public long received() {
    return received.get();
  }

  /**
   * How many times the whole cache was outdated: once per new {@code LISTEN} (the first included), and per
   * notification that stood for more threads than it named.
   *
   * @return the count
   */
  public long flushes() {
    return flushes.get();
  }

  /**
   * Stops listening and aborts the listener's connection (returned to its pool, which evicts it); waits up to a
   * second for the listener thread to end.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (lock) {
      closed = true;
      t = listener;
    }
    // abort, not close: the listener thread waits for notifications holding the connection's lock, which
    // close() (and a pool's close of its proxy) would wait for; abort drops the socket at once, the listener
    // sees its wait fail and returns the connection (a pool then evicts it)
    abortQuietly(connection);
    if (t != null) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    listening = false;
  }

  @Override
  public String toString() {
    return "PostgresInvalidationBus{channel='" + channel + "', listening=" + listening + "}";
  }

  private void listen() {
    long backoff = FIRST_BACKOFF_MILLIS;
    boolean warned = false;
    while (!closed) {
      Connection c = null;
      try {
        c = dataSource.getConnection();
        connection = c;
        if (closed) {
          break;
        }
        String schema = start(c);
        listening = true;
        backoff = FIRST_BACKOFF_MILLIS;
        if (warned) {
          log.info("invalidation listener on channel {} is back; this node's cache is outdated as a whole,"
              + " since notifications may have been missed", channel);
          warned = false;
        }
        flush();
        serve(c, c.unwrap(PGConnection.class), schema);
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        if (!warned) {
          log.warn("invalidation listener on channel {} lost its connection ({}); reconnecting. Until it is"
              + " back, changes made through other nodes may show here late", channel, e.toString());
          warned = true;
        } else {
          log.debug("invalidation listener on channel {} still cannot listen", channel, e);
        }
      } finally {
        listening = false;
        connection = null;
        closeQuietly(c);
      }
      if (closed) {
        break;
      }
      try {
        long jitter = ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
        Thread.sleep(backoff + jitter);
      } catch (InterruptedException e) {
        if (closed) {
          break;
        }
      }
      backoff = Math.min(maxBackoffMillis, backoff * 2);
    }
    listening = false;
  }

  /** Checks the connection, finds the tables' schema, and listens; returns the schema. */
  private String start(Connection c) throws SQLException {
    c.setAutoCommit(true);
    c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, heartbeatMillis));
    String schema;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT n.nspname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.oid = to_regclass(?)")) {
      s.setString(1, prefix + "comments");
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("table " + prefix + "comments is not on the listener connection's search"
              + " path; give the listener's data source the store's currentSchema");
        }
        schema = r.getString(1);
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN \"" + channel + "\"");
    }
    return schema;
  }

  /** Delivers notifications until the connection fails, the server stops being a primary, or the bus closes. */
  private void serve(Connection c, PGConnection pg, String schema) throws SQLException {
    long nextBeat = System.nanoTime() + heartbeatMillis * 1_000_000;
    while (!closed) {
      long waitMillis = Math.max(1, (nextBeat - System.nanoTime()) / 1_000_000);
      PGNotification[] arrived = pg.getNotifications((int) Math.min(Integer.MAX_VALUE, waitMillis));
      if (arrived != null) {
        for (PGNotification n : arrived) {
          deliver(schema, n.getParameter());
        }
      }
      if (System.nanoTime() - nextBeat >= 0) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_is_in_recovery()")) {
          if (r.next() && r.getBoolean(1)) {
            throw new IllegalStateException("the listener's server is a standby now (a failover): no change"
                + " commits there; connecting again to find the primary");
          }
        }
        nextBeat = System.nanoTime() + heartbeatMillis * 1_000_000;
      }
    }
  }

  private void deliver(String schema, String payload) {
    String[] parts = LINE_FEED.split(payload, 3);
    if (!parts[0].equals(schema)) {
      return; // another Talkback schema with the same prefix in this database
    }
    received.incrementAndGet();
    BiConsumer<SiteId, ThreadKey> r = receiver;
    if (parts.length != 3 || r == null) {
      flush(); // a statement that touched very many threads
      return;
    }
    try {
      r.accept(SiteId.of(parts[1]), ThreadKey.of(parts[2]));
    } catch (IllegalArgumentException e) {
      flush(); // a key written by hand that Talkback would not accept: outdate everything rather than guess
    } catch (RuntimeException e) {
      log.warn("outdating thread {} from a notification failed", parts[2], e);
    }
  }

  private void flush() {
    Runnable f = flushAll;
    flushes.incrementAndGet();
    if (f != null) {
      try {
        f.run();
      } catch (RuntimeException e) {
        log.warn("outdating the whole cache failed", e);
      }
    }
  }

  private static void abortQuietly(@Nullable Connection c) {
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        log.debug("aborting the listener connection failed; closing it", e);
        closeQuietly(c);
      }
    }
  }

  private static void closeQuietly(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException | RuntimeException e) {
        log.debug("closing the listener connection failed", e);
      }
    }
  }

  /**
   * Configures a {@link PostgresInvalidationBus}. Each setter checks its argument at once. Not thread-safe.
   */
  public static final class Builder {
    private static final Pattern PREFIX = Pattern.compile("|[a-z][a-z0-9_]{0,23}");
    private final DataSource dataSource;
    private String prefix = "talkback_";
    private Duration heartbeat = Duration.ofSeconds(5);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private ThreadFactory threads = r -> new Thread(r, "talkback-invalidation-listener");

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The store's table prefix: the channel is {@code <prefix>changes}.
     *
     * @param tablePrefix the same as {@code JdbiCommentStore.Builder.tablePrefix}; {@code "talkback_"} by
     *     default
     * @return this builder
     * @throws IllegalArgumentException if it is not a valid table prefix
     */
    public Builder tablePrefix(String tablePrefix) {
      Objects.requireNonNull(tablePrefix, "tablePrefix");
      if (!PREFIX.matcher(tablePrefix).matches()) {
        throw new IllegalArgumentException("table prefix must be lower-case letters, digits and _, starting with a"
            + " letter, at most 24 characters (or empty): '" + tablePrefix + "'");
      }
      this.prefix = tablePrefix;
      return this;
    }

    /**
     * How often the listener checks its connection (and that its server is still the primary), and the
     * network timeout of that check: what bounds how long a half-open connection goes unnoticed.
     *
     * @param heartbeat 100 ms to 10 minutes; 5 s by default
     * @return this builder
     */
    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = between(heartbeat, "heartbeat");
      return this;
    }

    /**
     * The longest wait between two attempts to connect again.
     *
     * @param maxBackoff 100 ms to 10 minutes; 5 s by default
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = between(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Makes the listener's thread (made a daemon); one named {@code talkback-invalidation-listener} by default.
     *
     * @param threads the thread factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /**
     * Builds the bus. Does not connect: listening starts when {@code Comments} subscribes.
     *
     * @return the bus
     */
    public PostgresInvalidationBus build() {
      return new PostgresInvalidationBus(this);
    }

    private static Duration between(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(name + " must be between 100 ms and 10 minutes: " + d);
      }
      return d;
    }
  }
}
