package dev.talkback.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.ThreadPage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  void run_printsTheThreadItBuilt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ThreadPage page = QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(page.totalCount()).isEqualTo(3);
    assertThat(page.comments()).hasSize(1);
    assertThat(page.comments().get(0).size()).isEqualTo(3);
    assertThat(out).contains("first-time authors wait: PENDING", "Ada is trusted now: PUBLISHED");
    assertThat(out).doesNotContain("<script");
  }
}
