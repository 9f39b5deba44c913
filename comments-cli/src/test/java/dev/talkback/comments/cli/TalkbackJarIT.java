package dev.talkback.comments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as users run it: {@code java -jar target/talkback.jar}. */
class TalkbackJarIT {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  Result java(String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "talkback.jar");
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("talkback.jar ended within 2 minutes").isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void javaJar_importsAndExportsAgainstH2() throws Exception {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);

    Result imported = java("import", "--format", "disqus", "--jdbc-url", url, file.toString());
    assertThat(imported.code()).as(imported.err()).isEqualTo(0);
    assertThat(imported.out()).contains("Imported disqus: 3 comments in 1 threads (3 new");
    assertThat(imported.err()).contains("stored: 3 of 3 comments (100%)");

    Result exported = java("export", "--format", "talkback", "--jdbc-url", url);
    assertThat(exported.code()).as(exported.err()).isEqualTo(0);
    assertThat(exported.out().lines()).hasSize(5);

    Result bad = java("import", "--format", "wxr", "--jdbc-url", url, file.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("not a WordPress export");
  }
}
