package dev.talkback.examples.demoblog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a demo that cannot start says why in one sentence and exits, instead of a stack trace. Runs
 * {@code DemoBlog.main} in a child JVM, as {@code java -jar demo-blog.jar} would.
 */
class DemoStartupMessagesTest {
  @TempDir Path data;

  @Test
  @DisplayName("a port in use: one sentence that says how to pick another port, exit status 1, no stack trace")
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result r = run(String.valueOf(taken.getLocalPort()));
      assertThat(r.status).isEqualTo(1);
      assertThat(r.lines).contains(DemoBlog.portInUseMessage(taken.getLocalPort()));
      assertNoStackTrace(r);
    }
  }

  @Test
  @DisplayName("a second demo on the same data folder: one sentence that says what to do, exit status 1, no stack trace")
  void secondInstanceOnTheSameDataFolder() throws Exception {
    // the first instance holds the folder's lock, as a running demo does (an OS file lock, held by this JVM)
    try (FileChannel channel = FileChannel.open(data.resolve("demo.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = channel.lock()) {
      Result r = run("0");
      assertThat(r.status).isEqualTo(1);
      assertThat(r.lines).containsExactly(DemoBlog.secondInstanceMessage(data.toAbsolutePath()));
      assertThat(held.isValid()).isTrue();
    }
    assertThat(Files.list(data).map(p -> p.getFileName().toString()).toList())
        .as("the second instance opened no database").containsExactly("demo.lock");
  }

  @Test
  @DisplayName("the messages are one sentence each")
  void messages_areOneSentence() {
    for (String m : List.of(DemoBlog.portInUseMessage(8080), DemoBlog.secondInstanceMessage(Path.of("/srv/demo/data")))) {
      assertThat(m.split("(?<=[.!?]) ", -1)).as(m).hasSize(1);
      assertThat(m).doesNotContain("Exception").doesNotContain("\n");
    }
  }

  private static void assertNoStackTrace(Result r) {
    assertThat(r.lines).as("output:%n%s", String.join("\n", r.lines))
        .noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ") || l.contains("Caused by"));
  }

  private record Result(int status, List<String> lines) {}

  /** {@code DemoBlog.main(port)} in a child JVM with its data folder in {@link #data}; standard error and output together. */
  private Result run(String port) throws IOException, InterruptedException {
    Path log = Files.createTempFile("demo-startup", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), DemoBlog.class.getName(), port)
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("TALKBACK_DEMO_DATA", data.toString());
      pb.environment().remove("PORT");
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("the demo neither failed nor exited within 120 s:\n" + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
