package dev.talkback.benchmarks.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.CacheStatistics;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;

/**
 * What the read cache really costs on the heap: loads {@code posts} threads of {@code comments} comments each
 * into a store, builds a {@link Comments} with a cache bound of {@code boundMiB}, reads every thread once
 * (which caches its first page), and measures the heap retained after a full GC before and after the reads.
 * Prints the retained bytes, the cache's own weight, bytes per cached comment, and the classes that grew
 * (from the JVM's class histogram).
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.talkback.benchmarks.jdbi.CacheHeap pg 2000 20 64
 * </pre>
 *
 * <p>{@code store} is {@code pg} (a {@code JdbiCommentStore} on a fresh schema of the PostgreSQL server at
 * {@code -Dtalkback.bench.pg.url}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}, dropped at the end: every read makes new objects, strings included, as a database
 * across a socket does), {@code h2} (the same store on an in-memory H2 database, which hands out the
 * strings it holds) or {@code memory} (the {@code InMemoryCommentStore}, whose pages share the store's
 * comments). The comments are the JDBI benchmark's ({@link BenchData#comment}): texts of
 * 200 to 330 characters, 94% approved; half of them replies.
 */
public final class CacheHeap {
  private CacheHeap() {}

  /**
   * Runs the measurement.
   *
   * @param args store ({@code pg}, {@code h2} or {@code memory}), posts, comments per post, cache bound in MiB
   * @throws Exception if the measurement cannot run
   */
  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "h2";
    int posts = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int perPost = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    long bound = (args.length > 3 ? Long.parseLong(args[3]) : 64) * 1024 * 1024;
    HikariDataSource pool = null;
    String dropSchema = null;
    CommentStore store;
    if (kind.equals("h2")) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl("jdbc:h2:mem:cacheheap" + UUID.randomUUID().toString().replace("-", "")
          + ";DB_CLOSE_DELAY=-1");
      config.setMaximumPoolSize(3); // the store migrates on a lock connection while Flyway holds two of its own
      pool = new HikariDataSource(config);
      store = JdbiCommentStore.builder(pool).build();
    } else if (kind.equals("pg")) {
      String schema = "cacheheap_" + UUID.randomUUID().toString().replace("-", "");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(System.getProperty("talkback.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
      config.setUsername(System.getProperty("talkback.bench.pg.user", "postgres"));
      config.setPassword(System.getProperty("talkback.bench.pg.password", ""));
      config.setMaximumPoolSize(3); // the store migrates on a lock connection while Flyway holds two of its own
      config.setConnectionInitSql("CREATE SCHEMA IF NOT EXISTS " + schema);
      config.addDataSourceProperty("currentSchema", schema);
      pool = new HikariDataSource(config);
      dropSchema = schema;
      store = JdbiCommentStore.builder(pool).build();
    } else if (kind.equals("memory")) {
      store = new InMemoryCommentStore();
    } else {
      throw new IllegalArgumentException("store must be pg, h2 or memory: " + kind);
    }
    long shown = 0;
    for (int t = 0; t < posts; t++) {
      List<Comment> cs = comments(t, perPost);
      store.insertAll(BenchData.thread(t), cs);
      for (Comment c : cs) {
        if (c.status() == CommentStatus.APPROVED) {
          shown++;
        }
      }
    }
    Comments comments = Comments.builder().store(store).cacheMaximumWeight(bound).build();
    // warm up the read path once on every thread, with a throwaway cache, so classes and JIT are settled
    Comments warm = Comments.builder().store(store).cacheMaximumWeight(0).build();
    for (int t = 0; t < Math.min(posts, 200); t++) {
      warm.thread(BenchData.SITE, BenchData.threadKey(t), ThreadPageRequest.DEFAULT);
    }
    warm.close();
    Map<String, long[]> before = histogram();
    long heapBefore = settledHeap();
    long pageComments = 0;
    for (int t = 0; t < posts; t++) {
      ThreadPage p = comments.thread(BenchData.SITE, BenchData.threadKey(t), ThreadPageRequest.DEFAULT);
      for (var n : p.comments()) {
        pageComments += n.size();
      }
    }
    long heapAfter = settledHeap();
    Map<String, long[]> after = histogram();
    CacheStatistics s = comments.health().cache();
    long retained = heapAfter - heapBefore;
    System.out.printf(Locale.ROOT, "store=%s posts=%d comments/post=%d (approved %d) bound=%d MiB%n", kind, posts,
        perPost, shown, bound >> 20);
    System.out.printf(Locale.ROOT, "pages cached: %d of %d (%.0f%%); comments on the pages read: %d%n",
        s.entries(), posts, 100.0 * s.entries() / posts, pageComments);
    System.out.printf(Locale.ROOT, "heap retained by the cache: %,d bytes (%.1f MiB)%n", retained,
        retained / 1048576.0);
    long weight = weight(s);
    if (weight >= 0) {
      System.out.printf(Locale.ROOT, "cache weight: %,d bytes; retained / weight = %.3f%n", weight,
          (double) retained / weight);
    }
    System.out.printf(Locale.ROOT, "retained / bound = %.3f; over the bound: %.1f MiB%n", (double) retained / bound,
        (retained - bound) / 1048576.0);
    long cachedComments = Math.round((double) pageComments * s.entries() / posts);
    System.out.printf(Locale.ROOT, "bytes per cached comment (page and all): %.0f%n",
        (double) retained / Math.max(1, cachedComments));
    printGrowth(before, after, cachedComments);
    comments.close();
    if (pool != null) {
      if (dropSchema != null) {
        try (var c = pool.getConnection(); var st = c.createStatement()) {
          st.execute("DROP SCHEMA " + dropSchema + " CASCADE");
        }
      }
      pool.close();
    }
  }

  /** Thread {@code t}'s comments: half replies, parents first (the JDBI benchmark's texts and statuses). */
  static List<Comment> comments(int t, int n) {
    Random random = new Random(t);
    ThreadInfo info = BenchData.thread(t);
    List<Comment> out = new ArrayList<>(n);
    java.time.Instant created = BenchData.START.plusSeconds(3_600L * t);
    for (int i = 0; i < n; i++) {
      created = created.plusMillis(1 + random.nextInt(60_000));
      Comment.Builder b = BenchData.comment(info, created, random).toBuilder();
      if (i % 2 == 1) {
        Comment parent = out.get(random.nextInt(out.size()));
        b.parentId(parent.id()).rootId(parent.rootId());
      }
      out.add(b.build());
    }
    return out;
  }

  /** The heap used after full GCs, once two in a row agree within 64 KiB (or after 30 s). */
  static long settledHeap() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long previous = Long.MAX_VALUE;
    while (true) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < 64 * 1024 || System.nanoTime() > deadline) {
        return used;
      }
      previous = used;
      Thread.onSpinWait();
    }
  }

  /** The cache's weight, if this version of {@link CacheStatistics} reports it; else -1. */
  private static long weight(CacheStatistics s) {
    try {
      Method m = CacheStatistics.class.getMethod("weight");
      return (long) m.invoke(s);
    } catch (ReflectiveOperationException e) {
      return -1;
    }
  }

  /** The class histogram (a full GC first): class name to {instances, bytes}. */
  static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> out = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length >= 4 && f[0].endsWith(":")) {
        out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return out;
  }

  private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, long perComments) {
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[2]);
      long dBytes = e.getValue()[1] - b[1];
      if (dBytes > 0) {
        grown.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], dBytes}));
      }
    }
    grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    System.out.println("classes that grew (instances, bytes, bytes per cached comment):");
    for (int i = 0; i < Math.min(16, grown.size()); i++) {
      Map.Entry<String, long[]> e = grown.get(i);
      System.out.printf(Locale.ROOT, "  %-60s %,12d %,14d %8.1f%n", e.getKey(), e.getValue()[0], e.getValue()[1],
          (double) e.getValue()[1] / Math.max(1, perComments));
    }
  }
}
