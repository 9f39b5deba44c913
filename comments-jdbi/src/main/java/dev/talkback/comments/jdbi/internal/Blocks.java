package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.Block;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.spi.BlockStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The sites' blocks in {@code <prefix>blocks}, keyed by (site, kind, value): a plain {@link BlockStore} whose
 * failures are Jdbi's exceptions, untranslated ({@code JdbiCommentStore} sorts them with {@link Failures}).
 * Values compare exactly on every dialect; emails arrive lower-cased from {@link Block}.
 */
final class Blocks implements BlockStore {
  /** The longest value the {@code block_value} column holds: the most {@link Block} allows. */
  static final int MAX_VALUE = 320;
  /** Candidates per query of {@link #anyBlocked}: three parameters each. */
  private static final int CANDIDATES_PER_QUERY = 100;

  private final Db db;
  private final Clock clock;
  private final Dialect dialect;
  private final String table;
  private final String exists;
  private final String insert;
  private final String delete;
  private final String list;

  Blocks(Db db, Dialect dialect, String prefix, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.dialect = dialect;
    this.table = table(prefix);
    String key = " WHERE site = :site AND kind = :kind AND block_value = :value";
    exists = "SELECT 1 FROM " + table + key;
    String values = "INSERT INTO " + table + " (site, kind, block_value, created_us) VALUES (:site, :kind, :value,"
        + " :created)";
    // PostgreSQL skips a stored block and reports it with an update count of 0. MariaDB, MySQL and H2 look
    // it up first (their counts for a skipped row depend on driver settings, and INSERT IGNORE would also
    // hide real errors); a concurrent insert of the same block fails on the key and Db.write runs again.
    insert = dialect == Dialect.POSTGRESQL ? values + " ON CONFLICT (site, kind, block_value) DO NOTHING" : values;
    delete = "DELETE FROM " + table + key;
    list = "SELECT kind, block_value FROM " + table + " WHERE site = :site ORDER BY kind, block_value";
  }

  /** The blocks table for a prefix. */
  static String table(String prefix) {
    return prefix + "blocks";
  }

  @Override
  public boolean add(SiteId site, Block block) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(block, "block");
    Texts.check("block value", block.value());
    long created = Micros.of(clock.instant());
    return db.write(h -> {
      if (dialect != Dialect.POSTGRESQL && isStored(h, site, block)) {
        return false;
      }
      return h.createUpdate(insert)
          .bind("site", site.value())
          .bind("kind", block.kind().name())
          .bind("value", block.value())
          .bind("created", created)
          .execute() > 0;
    });
  }

  @Override
  public boolean remove(SiteId site, Block block) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(block, "block");
    if (!isStorable(block)) {
      return false;
    }
    return db.write(h -> h.createUpdate(delete)
        .bind("site", site.value())
        .bind("kind", block.kind().name())
        .bind("value", block.value())
        .execute() > 0);
  }

  @Override
  public boolean anyBlocked(SiteId site, Collection<Block> candidates) {
    Objects.requireNonNull(site, "site");
    Set<Block> storable = new LinkedHashSet<>();
    for (Block b : Objects.requireNonNull(candidates, "candidates")) {
      if (isStorable(Objects.requireNonNull(b, "candidate"))) {
        storable.add(b);
      }
    }
    if (storable.isEmpty()) {
      return false;
    }
    List<Block> all = new ArrayList<>(storable);
    return db.read(h -> {
      for (int from = 0; from < all.size(); from += CANDIDATES_PER_QUERY) {
        if (anyStored(h, site, all.subList(from, Math.min(all.size(), from + CANDIDATES_PER_QUERY)))) {
          return true;
        }
      }
      return false;
    });
  }

  @Override
  public List<Block> list(SiteId site) {
    Objects.requireNonNull(site, "site");
    return db.read(h -> h.createQuery(list)
        .bind("site", site.value())
        .map((rs, ctx) -> new Block(Block.Kind.valueOf(rs.getString("kind")), rs.getString("block_value")))
        .list());
  }

  /** A probe that the table for a prefix exists: selects nothing. */
  static String probe(String prefix) {
    return "SELECT 1 FROM " + table(prefix) + " WHERE 1 = 0";
  }

  private boolean isStored(Handle h, SiteId site, Block block) {
    return h.createQuery(exists)
        .bind("site", site.value())
        .bind("kind", block.kind().name())
        .bind("value", block.value())
        .mapTo(Integer.class)
        .findFirst()
        .isPresent();
  }

  private boolean anyStored(Handle h, SiteId site, List<Block> blocks) {
    Query q = h.createQuery(anyStored(dialect, table, blocks.size())).bind("site", site.value());
    for (int i = 0; i < blocks.size(); i++) {
      q.bind("kind" + i, blocks.get(i).kind().name()).bind("value" + i, blocks.get(i).value());
    }
    return q.mapTo(Integer.class).findFirst().isPresent();
  }

  /**
   * A row if one of {@code n} blocks ({@code :kind0, :value0, ...}) of {@code :site} is stored.
   * {@code site = :site AND ((kind, value) OR ...)} is served by the primary key on PostgreSQL and MariaDB;
   * H2 uses an index for a list only on its first column, so there it is the equivalent list of rows,
   * which it looks up key by key.
   */
  static String anyStored(Dialect dialect, String table, int n) {
    StringBuilder sql = new StringBuilder(80 + n * 50).append("SELECT 1 FROM ").append(table).append(" WHERE ");
    if (dialect == Dialect.H2) {
      sql.append("(site, kind, block_value) IN (");
      for (int i = 0; i < n; i++) {
        sql.append(i > 0 ? ", " : "").append("(:site, :kind").append(i).append(", :value").append(i).append(')');
      }
    } else {
      sql.append("site = :site AND (");
      for (int i = 0; i < n; i++) {
        sql.append(i > 0 ? " OR " : "").append("(kind = :kind").append(i).append(" AND block_value = :value")
            .append(i).append(')');
      }
    }
    return sql.append(") LIMIT 1").toString();
  }

  /** Whether a block could be stored: a value with a NUL or an unpaired surrogate never is. */
  private static boolean isStorable(Block block) {
    return Texts.isStorableKey(block.value(), MAX_VALUE);
  }

  @Override
  public String toString() {
    return "Blocks{" + table + "}";
  }
}
