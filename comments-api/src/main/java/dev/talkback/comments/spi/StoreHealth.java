package dev.talkback.comments.spi;

import dev.talkback.comments.StoreMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a store is doing, for {@code Comments.health()} and the servlet's {@code /health}: its mode, what
 * happens to a new comment right now, how many comments wait in its spool, and the state of each database
 * behind it.
 *
 * <p>Read the typed fields; {@link #details()} is free-form text for an operator (counters, file names) and
 * no code should parse it. A plain store is {@link #readWrite()}; a store with something to report builds
 * one:
 *
 * <pre>{@code
 * StoreHealth.builder(StoreMode.READ_ONLY)
 *     .since(outageStart).reason("primary db-a is unavailable: connection refused")
 *     .newComments(StoreHealth.NewComments.QUEUED).spoolDepth(3)
 *     .database(new StoreHealth.Database("db-a", StoreHealth.Role.PRIMARY, outageStart, false, false, 0, "", "refused"))
 *     .build();
 * }</pre>
 *
 * <p>This is a final class with a builder rather than a record, on purpose: health is what grows as stores
 * learn to report more, and a record cannot gain a component without breaking every caller of its
 * constructor. New fields arrive as new builder methods with defaults. Instances are immutable and
 * threadsafe; {@code equals} compares every field.
 */
public final class StoreHealth {
  private static final StoreHealth READ_WRITE = builder(StoreMode.READ_WRITE).build();

  private final StoreMode mode;
  private final @Nullable Instant since;
  private final @Nullable String reason;
  private final NewComments newComments;
  private final long spoolDepth;
  private final @Nullable String lastError;
  private final @Nullable String spoolError;
  private final List<Database> databases;
  private final Map<String, String> details;

  private StoreHealth(Builder b, NewComments newComments) {
    this.mode = b.mode;
    this.since = b.since;
    this.reason = b.reason;
    this.newComments = newComments;
    this.spoolDepth = b.spoolDepth;
    this.lastError = b.lastError;
    this.spoolError = b.spoolError;
    this.databases = List.copyOf(b.databases);
    this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
  }

  /**
   * A builder for a store in {@code mode}.
   *
   * @param mode whether the store takes writes
   * @return a new builder; new comments default to {@link NewComments#ACCEPTED} in
   *     {@link StoreMode#READ_WRITE} and {@link NewComments#REFUSED} in {@link StoreMode#READ_ONLY}
   */
  public static Builder builder(StoreMode mode) {
    return new Builder(mode);
  }

  /**
   * A store that takes reads and writes and has nothing to report.
   *
   * @return the health of a plain, working store
   */
  public static StoreHealth readWrite() {
    return READ_WRITE;
  }

  /**
   * Whether the store takes writes.
   *
   * @return the mode
   */
  public StoreMode mode() {
    return mode;
  }

  /**
   * When the store entered its mode.
   *
   * @return the instant, or empty if it always was in it
   */
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }

  /**
   * Why the store is in its mode.
   *
   * @return the reason, or empty when there is nothing to say
   */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * What happens to a new comment posted now: stored, queued in the spool, or refused.
   *
   * @return {@link NewComments#ACCEPTED} whenever the mode is {@link StoreMode#READ_WRITE}
   */
  public NewComments newComments() {
    return newComments;
  }

  /**
   * How many new comments wait in the write spool for a writable primary.
   *
   * @return the spool depth, 0 without a spool
   */
  public long spoolDepth() {
    return spoolDepth;
  }

  /**
   * The last failure the store saw.
   *
   * @return its message, or empty if none
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * A failure of the local disk under the write spool (or another local journal), while it lasts: a full or
   * read-only disk. It is the server's problem, not the database's: comments can then not be queued, and
   * acknowledgements of replayed comments wait in memory until the disk takes writes again (a restart before
   * then replays those comments once more, which changes nothing).
   *
   * @return what failed, for operators; empty while the disk works
   */
  public Optional<String> spoolError() {
    return Optional.ofNullable(spoolError);
  }

  /**
   * Every database behind the store, in the order it was configured.
   *
   * @return an immutable list, empty for a store that does not report databases
   */
  public List<Database> databases() {
    return databases;
  }

  /**
   * The database in use as the primary, if the store reports one.
   *
   * @return the first database whose role is {@link Role#PRIMARY}
   */
  public Optional<Database> primary() {
    return databases.stream().filter(d -> d.role() == Role.PRIMARY).findFirst();
  }

  /**
   * Free-form facts for an operator (counters, file names), in insertion order. Shown as they are; no code
   * should depend on a key or parse a value, because they may change in any release.
   *
   * @return an immutable map
   */
  public Map<String, String> details() {
    return details;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StoreHealth h)) {
      return false;
    }
    return mode == h.mode && Objects.equals(since, h.since) && Objects.equals(reason, h.reason)
        && newComments == h.newComments && spoolDepth == h.spoolDepth && Objects.equals(lastError, h.lastError)
        && Objects.equals(spoolError, h.spoolError)
        && databases.equals(h.databases) && details.equals(h.details);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, since, reason, newComments, spoolDepth, lastError, spoolError, databases, details);
  }

  @Override
  public String toString() {
    return "StoreHealth{mode=" + mode + ", since=" + since + ", reason=" + reason + ", newComments=" + newComments
        + ", spoolDepth=" + spoolDepth + ", lastError=" + lastError + ", spoolError=" + spoolError
        + ", databases=" + databases
        + ", details=" + details + "}";
  }

  /** What happens to a new comment posted now. */
  public enum NewComments {
    /** It is stored at once (the store is read-write). */
    ACCEPTED,
    /** It is appended to the durable write spool and stored when a primary is back (answered as queued). */
    QUEUED,
    /** It is refused with {@link dev.talkback.comments.ReadOnlyException}; the writer sends it again later. */
    REFUSED
  }

  /** What a database is to the store. */
  public enum Role {
    /** The database that takes the writes now. */
    PRIMARY,
    /** A database that may be promoted to primary, not written to until it is. */
    STANDBY,
    /** A read replica, read from while the primary is unavailable. */
    REPLICA
  }

  /**
   * The state of one database behind a store, as last seen.
   *
   * @param name the name the store was configured with
   * @param role what it is to the store now
   * @param downSince since when it has been unreachable, or {@code null} if it answered last time
   * @param writable whether its last probe found it taking writes ({@code false} for a replica)
   * @param stale whether it takes writes on an older generation than another database: a stale old primary
   *     that must be fenced
   * @param generation the generation (PostgreSQL: timeline) its last probe reported, or 0 if unknown
   * @param detail what its last probe said (host, timeline), or empty
   * @param lastError the last failure seen on it, or {@code null}
   */
  public record Database(
      String name,
      Role role,
      @Nullable Instant downSince,
      boolean writable,
      boolean stale,
      long generation,
      String detail,
      @Nullable String lastError) {

    /**
     * Checks the arguments.
     *
     * @param name the name the store was configured with
     * @param role what it is to the store now
     * @param downSince since when it has been unreachable, or {@code null} if it answered last time
     * @param writable whether its last probe found it taking writes
     * @param stale whether it takes writes on an older generation than another database
     * @param generation the generation its last probe reported, or 0 if unknown
     * @param detail what its last probe said, or empty
     * @param lastError the last failure seen on it, or {@code null}
     * @throws IllegalArgumentException if {@code generation} is negative
     */
    public Database {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(detail, "detail");
      if (generation < 0) {
        throw new IllegalArgumentException("generation must not be negative: " + generation);
      }
    }

    /**
     * Whether it answered the last call or probe.
     *
     * @return {@code true} unless it is down
     */
    public boolean reachable() {
      return downSince == null;
    }
  }

  /**
   * Builds a {@link StoreHealth}. Each setter checks its argument at once, {@link #build()} the combination.
   * Not threadsafe.
   */
  public static final class Builder {
    private final StoreMode mode;
    private @Nullable Instant since;
    private @Nullable String reason;
    private @Nullable NewComments newComments;
    private long spoolDepth;
    private @Nullable String lastError;
    private @Nullable String spoolError;
    private final List<Database> databases = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();

    private Builder(StoreMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * When the store entered its mode.
     *
     * @param since the instant
     * @return this builder
     */
    public Builder since(Instant since) {
      this.since = Objects.requireNonNull(since, "since");
      return this;
    }

    /**
     * Why the store is in its mode.
     *
     * @param reason one sentence for an operator
     * @return this builder
     */
    public Builder reason(String reason) {
      this.reason = Objects.requireNonNull(reason, "reason");
      return this;
    }

    /**
     * What happens to a new comment now.
     *
     * @param newComments accepted, queued or refused
     * @return this builder
     */
    public Builder newComments(NewComments newComments) {
      this.newComments = Objects.requireNonNull(newComments, "newComments");
      return this;
    }

    /**
     * How many comments wait in the write spool.
     *
     * @param depth zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder spoolDepth(long depth) {
      if (depth < 0) {
        throw new IllegalArgumentException("spoolDepth must not be negative: " + depth);
      }
      this.spoolDepth = depth;
      return this;
    }

    /**
     * The last failure seen.
     *
     * @param lastError its message
     * @return this builder
     */
    public Builder lastError(String lastError) {
      this.lastError = Objects.requireNonNull(lastError, "lastError");
      return this;
    }

    /**
     * A failure of the local disk under the spool, while it lasts ({@link StoreHealth#spoolError()}).
     *
     * @param spoolError what failed
     * @return this builder
     */
    public Builder spoolError(String spoolError) {
      this.spoolError = Objects.requireNonNull(spoolError, "spoolError");
      return this;
    }

    /**
     * Adds a database, after those added before.
     *
     * @param database its state
     * @return this builder
     */
    public Builder database(Database database) {
      databases.add(Objects.requireNonNull(database, "database"));
      return this;
    }

    /**
     * Adds a free-form fact for an operator; see {@link StoreHealth#details()}.
     *
     * @param key a short name
     * @param value its value
     * @return this builder
     */
    public Builder detail(String key, String value) {
      details.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the health.
     *
     * @return an immutable health
     * @throws IllegalStateException if new comments are {@link NewComments#ACCEPTED} while read-only, or not
     *     accepted while read-write, or two databases share a name
     */
    public StoreHealth build() {
      NewComments n = newComments;
      if (n == null) {
        n = mode == StoreMode.READ_WRITE ? NewComments.ACCEPTED : NewComments.REFUSED;
      }
      if ((mode == StoreMode.READ_WRITE) != (n == NewComments.ACCEPTED)) {
        throw new IllegalStateException("new comments are " + n + " but the mode is " + mode
            + ": a read-write store accepts them, a read-only one queues or refuses them");
      }
      if (databases.stream().map(Database::name).distinct().count() != databases.size()) {
        throw new IllegalStateException("two databases share a name: " + databases);
      }
      return new StoreHealth(this, n);
    }
  }
}
