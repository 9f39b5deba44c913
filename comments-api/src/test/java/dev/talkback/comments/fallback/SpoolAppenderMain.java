package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import java.nio.file.Path;

/**
 * A child process for {@link FileWriteSpoolCrashTest}: appends large comments to the spool in
 * {@code args[0]} forever and prints {@code acked <id>} after each append returns, until it is killed.
 */
final class SpoolAppenderMain {
  private SpoolAppenderMain() {}

  public static void main(String[] args) {
    String big = "a comment long enough that the kill often lands in the middle of its write. ".repeat(3000);
    try (FileWriteSpool spool = FileWriteSpool.builder(Path.of(args[0])).maxDepth(Integer.MAX_VALUE).build()) {
      System.out.println("ready");
      System.out.flush();
      for (int i = 0; ; i++) {
        Comment c = Fixtures.comment(i + " " + big);
        spool.append(Fixtures.THREAD, c);
        System.out.println("acked " + c.id());
        System.out.flush();
      }
    }
  }
}
