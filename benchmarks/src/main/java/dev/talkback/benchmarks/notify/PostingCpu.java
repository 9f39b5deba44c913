package dev.talkback.benchmarks.notify;

import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Comments;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The CPU a post costs with the outbox on and off, on one thread, in one JVM: two stores (each on its own
 * empty H2 file or PostgreSQL schema, as {@link PairedPostingBenchmark}'s) post alternating blocks of
 * {@code block} comments, and each block's thread CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}) and
 * wall time are summed per side after {@code warmup} blocks each. On a loaded machine a post's wall time is
 * mostly waiting (for the fsync, for a core), which dilutes what the outbox adds in throughput; the CPU the
 * posting thread burns is what it adds, and with H2 embedded that includes H2's insert and commit. (On
 * PostgreSQL the server's CPU is not counted: use {@link PairedPostingBenchmark} there.)
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.talkback.benchmarks.notify.PostingCpu h2 50 20 40
 * </pre>
 *
 * <p>Arguments: the database ({@code h2} or {@code postgresql}), posts per block, warm-up blocks per side,
 * measured blocks per side. Prints CPU µs per post and posts per second of wall time for each side, and on ÷
 * off of both.
 */
public final class PostingCpu {
  private PostingCpu() {}

  /**
   * Runs the measurement.
   *
   * @param args database, posts per block, warm-up blocks, measured blocks
   * @throws Exception if the database cannot be set up
   */
  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "h2";
    int block = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int blocks = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (HikariDataSource offPool = NotifyBenchDb.fresh(db, "_cpu_off");
        HikariDataSource onPool = NotifyBenchDb.fresh(db, "_cpu_on")) {
      JdbiCommentStore offStore = JdbiCommentStore.builder(offPool).notifications(false).build();
      JdbiCommentStore onStore = JdbiCommentStore.builder(onPool).notifications(true).build();
      offStore.initialize();
      onStore.initialize();
      try (Comments off = Comments.builder().store(offStore).build();
          Comments on = Comments.builder().store(onStore).build()) {
        long[] cpu = new long[2];
        long[] wall = new long[2];
        for (int i = 0; i < 2 * (warmup + blocks); i++) {
          int side = i % 2; // 0 off, 1 on; alternating, so both meet the same moments of load
          Comments c = side == 0 ? off : on;
          long cpu0 = threads.getCurrentThreadCpuTime();
          long wall0 = System.nanoTime();
          for (int p = 0; p < block; p++) {
            c.post(NotificationPostingBenchmark.randomComment());
          }
          if (i / 2 >= warmup) {
            cpu[side] += threads.getCurrentThreadCpuTime() - cpu0;
            wall[side] += System.nanoTime() - wall0;
          }
        }
        double posts = (double) blocks * block;
        double cpuOff = cpu[0] / posts / 1_000.0;
        double cpuOn = cpu[1] / posts / 1_000.0;
        double rateOff = posts / (wall[0] / 1e9);
        double rateOn = posts / (wall[1] / 1e9);
        System.out.printf(Locale.ROOT, "%s, %d posts per side in blocks of %d (after %d warm-up blocks each)%n",
            db, (long) posts, block, warmup);
        System.out.printf(Locale.ROOT, "CPU per post: off %.1f µs, on %.1f µs, on / off %.3f%n", cpuOff, cpuOn,
            cpuOn / cpuOff);
        System.out.printf(Locale.ROOT, "posts/s (wall): off %.1f, on %.1f, on / off %.3f%n", rateOff, rateOn,
            rateOn / rateOff);
      }
    }
  }
}
