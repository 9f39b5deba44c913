package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The export's memory does not grow with the site: a child JVM with a 32 MB heap exports a generated site
 * of 200,000 comments of about 1 KB (some 400 MB as {@code Comment}s) in both formats, while the same JVM
 * keeping those comments in a list (the control) runs out of memory.
 */
class BoundedExportTest {
  private static final String THREADS = "200";
  private static final String PER_THREAD = "1000";

  @Test
  void export_largeSite_runsIn32MegabyteHeap() throws Exception {
    Result exported = child(THREADS, PER_THREAD);
    assertThat(exported.code).as(exported.output).isZero();
    assertThat(exported.output).contains("talkback exported 200000 comments").contains("wxr exported 200000 comments");

    Result held = child(THREADS, PER_THREAD, "hold");
    assertThat(held.code).as("the control keeps every comment and must not fit: " + held.output).isNotZero();
    assertThat(held.output).contains("OutOfMemoryError");
  }

  private record Result(int code, String output) {}

  private static Result child(String... args) throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-XX:+UseSerialGC",
        "-cp", classPath, GeneratedSite.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not finish in 5 minutes");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
