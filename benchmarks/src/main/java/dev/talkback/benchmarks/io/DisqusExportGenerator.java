package dev.talkback.benchmarks.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a Disqus XML export of a chosen number of comments, the same bytes for the same arguments (a fixed
 * seed; nothing from the clock or the machine), for the import benchmarks and the constant-memory run.
 *
 * <p>What it holds: threads of 1 to 2,000 posts (most near 100, a few long ones), posts of the threads
 * interleaved as a real export orders them by time, about half of them replies to an earlier post of their
 * thread at any depth, 5% spam, 3% deleted, 2% pending ({@code isApproved false}), anonymous and
 * registered authors with emails, and HTML messages of 1 to 6 paragraphs with links, emphasis, entities and,
 * in one post of 50, a {@code <script>} the sanitizer must remove. About 420 bytes per post.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.talkback.benchmarks.io.DisqusExportGenerator COMMENTS FILE
 * </pre>
 */
public final class DisqusExportGenerator {
  private static final long SEED = 0x7a1b_ac4bL;
  private static final String[] WORDS = ("the a comment post thanks great point agree disagree think code java "
      + "database query index reply thread moderation spam blog author reader write read fast slow memory heap "
      + "stream import export file format version test case example really quite simply because however "
      + "although which when where why how what this that these those there here about with without into").split(" ");
  private static final String[] NAMES = {"Ada", "Grace", "Linus", "Zoë", "Jürgen", "Margaret", "Ken", "Barbara",
      "Dennis", "Frances", "Edsger", "Radia", "Niklaus", "Hedy", "Alan", "Sophie"};
  private static final Instant START = Instant.parse("2012-01-01T00:00:00Z");

  private DisqusExportGenerator() {}

  /**
   * Writes the file.
   *
   * @param args the number of comments and the file
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: DisqusExportGenerator COMMENTS FILE");
      System.exit(2);
    }
    long comments = Long.parseLong(args[0].replace("_", "").replace(",", ""));
    Path file = Path.of(args[1]);
    long start = System.nanoTime();
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 16)) {
      write(comments, w);
    }
    System.out.printf("%,d comments, %,d bytes in %s (%.1f s)%n", comments, Files.size(file), file,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Writes an export of {@code comments} posts to {@code w}.
   *
   * @param comments how many posts
   * @param w where the XML goes
   * @throws IOException if writing fails
   */
  public static void write(long comments, Writer w) throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED);
    List<Integer> sizes = new ArrayList<>();
    long sum = 0;
    while (sum < comments) {
      int size = rnd.nextInt(50) == 0 ? 500 + rnd.nextInt(1500) : 1 + rnd.nextInt(199);
      size = (int) Math.min(size, comments - sum);
      sizes.add(size);
      sum += size;
    }
    w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<disqus xmlns=\"http://disqus.com\" "
        + "xmlns:dsq=\"http://disqus.com/disqus-internals\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        + "  <category dsq:id=\"1\">\n    <forum>bench</forum>\n    <title>General</title>\n"
        + "    <isDefault>true</isDefault>\n  </category>\n");
    for (int t = 0; t < sizes.size(); t++) {
      w.write("  <thread dsq:id=\"" + threadId(t) + "\">\n    <id>post-" + t + "</id>\n    <forum>bench</forum>\n"
          + "    <category dsq:id=\"1\" />\n    <link>https://blog.example/" + (2012 + t % 12) + "/post-" + t
          + "/</link>\n    <title>Post number " + t + " &amp; its comments</title>\n    <message />\n"
          + "    <createdAt>" + START.plusSeconds(3600L * t) + "</createdAt>\n    <author>\n"
          + "      <email>owner@blog.example</email>\n      <name>Owner</name>\n"
          + "      <isAnonymous>false</isAnonymous>\n      <username>owner</username>\n    </author>\n"
          + "    <isClosed>" + (t % 10 == 0) + "</isClosed>\n    <isDeleted>" + (t % 97 == 96) + "</isDeleted>\n"
          + "  </thread>\n");
    }
    // posts in time order: a window of 64 open threads, each post from one of them at random
    int[] written = new int[sizes.size()];
    int[] window = new int[Math.min(64, sizes.size())];
    int nextThread = 0;
    for (int i = 0; i < window.length; i++) {
      window[i] = nextThread++;
    }
    int open = window.length;
    long seconds = 0;
    StringBuilder post = new StringBuilder(2048);
    while (open > 0) {
      int slot = rnd.nextInt(open);
      int t = window[slot];
      int k = written[t]++;
      seconds += 1 + rnd.nextInt(120);
      post.setLength(0);
      post(post, rnd, t, k, seconds);
      w.append(post);
      if (written[t] == sizes.get(t)) {
        if (nextThread < sizes.size()) {
          window[slot] = nextThread++;
        } else {
          window[slot] = window[--open];
        }
      }
    }
    w.write("</disqus>\n");
  }

  private static long threadId(int t) {
    return 3_000_000_000L + t;
  }

  private static long postId(int t, int k) {
    return 10_000_000_000L + t * 10_000L + k;
  }

  private static void post(StringBuilder b, SplittableRandom rnd, int t, int k, long seconds) {
    int roll = rnd.nextInt(100);
    boolean spam = roll < 5;
    boolean deleted = roll >= 5 && roll < 8;
    boolean pending = roll >= 8 && roll < 10;
    String name = NAMES[rnd.nextInt(NAMES.length)] + " " + (char) ('A' + rnd.nextInt(26)) + ".";
    boolean anonymous = rnd.nextInt(4) == 0;
    b.append("  <post dsq:id=\"").append(postId(t, k)).append("\">\n    <id />\n    <message><![CDATA[");
    message(b, rnd);
    b.append("]]></message>\n    <createdAt>").append(START.plusSeconds(seconds)).append("</createdAt>\n")
        .append("    <isDeleted>").append(deleted).append("</isDeleted>\n    <isSpam>").append(spam)
        .append("</isSpam>\n");
    if (pending) {
      b.append("    <isApproved>false</isApproved>\n");
    }
    b.append("    <author>\n      <email>user").append(rnd.nextInt(50_000)).append("@mail.example</email>\n")
        .append("      <name>").append(name).append("</name>\n      <isAnonymous>").append(anonymous)
        .append("</isAnonymous>\n");
    if (!anonymous) {
      b.append("      <username>user").append(rnd.nextInt(50_000)).append("</username>\n");
    }
    b.append("    </author>\n    <ipAddress>10.0.").append(rnd.nextInt(256)).append('.').append(rnd.nextInt(256))
        .append("</ipAddress>\n    <thread dsq:id=\"").append(threadId(t)).append("\" />\n");
    if (k > 0 && rnd.nextBoolean()) {
      b.append("    <parent dsq:id=\"").append(postId(t, rnd.nextInt(k))).append("\" />\n");
    }
    b.append("  </post>\n");
  }

  private static void message(StringBuilder b, SplittableRandom rnd) {
    int paragraphs = 1 + (rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(6));
    for (int p = 0; p < paragraphs; p++) {
      b.append("<p>");
      int words = 8 + rnd.nextInt(30);
      for (int i = 0; i < words; i++) {
        if (i > 0) {
          b.append(' ');
        }
        int r = rnd.nextInt(60);
        String word = WORDS[rnd.nextInt(WORDS.length)];
        if (r == 0) {
          b.append("<a href=\"https://example.org/").append(word).append("\">").append(word).append("</a>");
        } else if (r == 1) {
          b.append("<b>").append(word).append("</b>");
        } else if (r == 2) {
          b.append("<i>").append(word).append("</i>");
        } else if (r == 3) {
          b.append(word).append(" &amp;");
        } else {
          b.append(word);
        }
      }
      b.append(".</p>");
    }
    if (rnd.nextInt(50) == 0) {
      b.append("<script>alert(1)</script>");
    }
  }
}
