package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The moderation page's export is streamed in constant memory: a child JVM with a 48 MB heap serves (Jetty,
 * the servlet) and downloads (the JDK's client, counting lines) the export of a site of 120,000 comments of
 * about 1 KB, some 160 MB of JSON lines; the same child keeping the downloaded body (the control) runs out
 * of memory, so the export cannot have been held either.
 */
class StreamedExportMemoryTest {
  @Test
  @DisplayName("a 160 MB export streams through a 48 MB heap; holding it does not fit")
  void export_streamsInConstantMemory() throws Exception {
    Result streamed = child("120", "1000");
    assertThat(streamed.code).as(streamed.output).isZero();
    assertThat(streamed.output).contains("status 200 lines " + (1 + 120 + 120_000) + " ");

    Result held = child("120", "1000", "hold");
    assertThat(held.code).as("the control keeps the body and must not fit: " + held.output).isNotZero();
    assertThat(held.output).contains("OutOfMemoryError");
  }

  private record Result(int code, String output) {}

  private static Result child(String... args) throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // ExitOnOutOfMemoryError: an OutOfMemoryError on the client's or Jetty's own thread would otherwise leave
    // the main thread waiting for a response forever (a full run once hung here for 22 minutes)
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m", "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError", "-cp", classPath, StreamedExportChild.class.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile("streamed-export", ".log");
    try {
      // the output goes to a file, so the deadline below holds even if the child never closes it
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("the child JVM did not finish in 5 minutes: " + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
