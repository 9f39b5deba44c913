package dev.talkback.comments.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.CommentId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM (SIGKILL) while it appends, then checks that every acknowledged entry survived. */
class FileWriteSpoolCrashTest {
  @TempDir Path dir;

  @RepeatedTest(3)
  void append_processKilledMidWrite_keepsEveryAcknowledgedEntry() throws Exception {
    Path file = dir.resolve("spool.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"),
                SpoolAppenderMain.class.getName(), file.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<CommentId> acked = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("ready");
      int target = 20 + (int) (Math.random() * 20);
      String line;
      while (acked.size() < target && (line = out.readLine()) != null) {
        acked.add(CommentId.parse(line.substring("acked ".length())));
      }
      child.toHandle().destroyForcibly(); // SIGKILL, and our end of its stdout stays open
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // lines the child printed before it died are acknowledged too
      while ((line = out.readLine()) != null) {
        if (line.startsWith("acked ")) {
          acked.add(CommentId.parse(line.substring("acked ".length())));
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(acked).hasSizeGreaterThanOrEqualTo(20);
    try (FileWriteSpool spool = FileWriteSpool.open(file)) {
      Set<CommentId> kept =
          spool.peek(Integer.MAX_VALUE).stream().map(e -> e.comment().id()).collect(Collectors.toSet());
      assertThat(kept).containsAll(acked);
      // at most the one append in flight when the kill landed is there without having been acknowledged
      assertThat(kept.size()).isBetween(acked.size(), acked.size() + 1);
      assertThat(spool.setAsideCount()).isLessThanOrEqualTo(1);
    }
  }
}
