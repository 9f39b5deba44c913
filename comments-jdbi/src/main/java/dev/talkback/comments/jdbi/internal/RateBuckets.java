package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.spi.RateLimitStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets in {@code <prefix>rate_buckets} (schema version 6), shared by every node on the database: a
 * plain {@link RateLimitStore} whose failures are Jdbi's exceptions, untranslated. Each take is one short
 * transaction that locks the bucket's row ({@code SELECT ... FOR UPDATE}), refills it by the time passed on
 * this node's clock, and takes a token if there is one; two nodes creating the same bucket at once conflict
 * on its key, and {@link Db#write} runs the loser again, which then finds the row. The same SQL on every
 * dialect. Now and then (one take in {@value #SWEEP_EVERY}) the rows of buckets that are full again are
 * deleted.
 */
final class RateBuckets implements RateLimitStore {
  static final int SWEEP_EVERY = 1000;
  private final Db db;
  private final Clock clock;
  private final String select;
  private final String update;
  private final String insert;
  private final String sweep;
  private final AtomicLong takes = new AtomicLong();

  RateBuckets(Db db, String prefix, Clock clock) {
    this.db = db;
    this.clock = clock;
    String table = table(prefix);
    select = "SELECT tokens, updated_ms FROM " + table + " WHERE bucket = :bucket FOR UPDATE";
    update = "UPDATE " + table + " SET tokens = :tokens, updated_ms = :now, full_ms = :full WHERE bucket = :bucket";
    insert = "INSERT INTO " + table + " (bucket, tokens, updated_ms, full_ms) VALUES (:bucket, :tokens, :now, :full)";
    sweep = "DELETE FROM " + table + " WHERE full_ms < :now";
  }

  /** The buckets table for a prefix. */
  static String table(String prefix) {
    return prefix + "rate_buckets";
  }

  @Override
  public Duration take(String bucket, int burst, Duration period) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(period, "period");
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    String key = hash(bucket);
    double perMilli = burst / (double) Math.max(1, period.toMillis());
    long now = clock.millis();
    long waitMillis = db.write(h -> {
      Optional<double[]> row = h.createQuery(select).bind("bucket", key)
          .map((rs, ctx) -> new double[] {rs.getDouble(1), rs.getLong(2)}).findOne();
      double tokens = burst;
      if (row.isPresent()) {
        long last = (long) row.get()[1];
        tokens = Math.min(burst, row.get()[0] + Math.max(0, now - last) * perMilli);
      }
      long wait = 0;
      if (tokens >= 1) {
        tokens -= 1;
      } else {
        wait = (long) Math.ceil((1 - tokens) / perMilli);
      }
      long full = now + (long) Math.ceil((burst - tokens) / perMilli);
      h.createUpdate(row.isPresent() ? update : insert).bind("bucket", key).bind("tokens", tokens).bind("now", now)
          .bind("full", full).execute();
      return wait;
    });
    if (takes.incrementAndGet() % SWEEP_EVERY == 0) {
      db.write(h -> h.createUpdate(sweep).bind("now", now).execute());
    }
    return waitMillis == 0 ? Duration.ZERO : Duration.ofMillis(waitMillis);
  }

  private static String hash(String bucket) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bucket.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
