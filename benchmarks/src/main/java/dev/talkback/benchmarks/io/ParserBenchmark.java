package dev.talkback.benchmarks.io;

import dev.talkback.comments.CommentRenderer;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.ImportProblem;
import dev.talkback.comments.io.ThreadKeyMapping;
import dev.talkback.comments.io.internal.DisqusParser;
import dev.talkback.comments.io.internal.ImportRecord;
import dev.talkback.comments.io.internal.RecordSink;
import dev.talkback.comments.io.internal.SourceContext;
import dev.talkback.comments.io.internal.SourceThread;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The import's parser thread alone: {@code DisqusParser} (XML, each post's fields, derived ids, author
 * names, times) over a generated Disqus export into a sink that only counts, several rounds in one JVM. It
 * prints the thread's CPU time per comment, which the machine's load moves far less than wall time: the
 * figure to compare between two builds in alternating runs.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.talkback.benchmarks.io.ParserBenchmark [COMMENTS] [ROUNDS]
 * </pre>
 */
public final class ParserBenchmark {
  private ParserBenchmark() {}

  /**
   * Generates the file, parses it {@code ROUNDS} times, deletes it.
   *
   * @param args the number of comments (default 100,000) and of rounds (default 5)
   * @throws Exception if the file cannot be written or read
   */
  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path file = Files.createTempFile("talkback-disqus-", ".xml");
    try {
      try (var w = Files.newBufferedWriter(file)) {
        DisqusExportGenerator.write(n, w);
      }
      SourceContext ctx = new SourceContext(SiteId.DEFAULT, "disqus", ThreadKeyMapping.path(),
          CommentRenderer.create(ContentPolicy.builder().maxBodyLength(Integer.MAX_VALUE).build()));
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int round = 1; round <= rounds; round++) {
        long[] comments = new long[1];
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
          new DisqusParser(ctx).parse(in, new RecordSink() {
            @Override
            public void thread(SourceThread thread) {}

            @Override
            public void comment(ImportRecord record) {
              comments[0]++;
            }

            @Override
            public void skipped(ImportProblem problem) {}

            @Override
            public void problem(ImportProblem problem) {}
          });
        }
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        System.out.printf("round %d: %,d comments, wall %.2f s, parser thread CPU %.2f s = %.2f us a comment, load %.1f%n",
            round, comments[0], (System.nanoTime() - wall) / 1e9, cpu / 1e9, cpu / 1e3 / comments[0],
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
