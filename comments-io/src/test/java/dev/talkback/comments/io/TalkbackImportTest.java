package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TalkbackImportTest {
  static final String HEADER =
      "{\"talkback\":\"comments\",\"version\":1,\"site\":\"default\",\"exportedAt\":\"2020-01-01T00:00:00Z\"}\n";
  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  static String comment(int n, String thread, int parent, String source, String format) {
    return "{\"type\":\"comment\",\"id\":\"" + id(n) + "\",\"thread\":\"" + thread + "\",\"parent\":"
        + (parent == 0 ? "null" : "\"" + id(parent) + "\"") + ",\"status\":\"APPROVED\",\"kind\":\"comment\","
        + "\"author\":{\"name\":\"N" + n + "\",\"email\":null,\"website\":null,\"userId\":null},\"source\":\""
        + source + "\",\"format\":\"" + format + "\",\"html\":\"<script>trusted()</script>\",\"created\":\"2020-01-0"
        + (n % 9 + 1) + "T00:00:00Z\",\"edited\":null,\"likes\":" + (n % 3) + ",\"editTokenHash\":null,\"ipHash\":null}\n";
  }

  static CommentId id(int n) {
    return CommentId.parse(String.format("018f0000-0000-7000-8000-%012d", n));
  }

  Comment stored(int n) {
    return store.find(SiteId.DEFAULT, id(n)).orElseThrow();
  }

  @Test
  void importStream_breaksCyclesAndDetachesParentsOfOtherThreads() {
    String file = HEADER
        + "{\"type\":\"thread\",\"key\":\"a\",\"title\":\"A\",\"url\":null,\"closed\":true}\n"
        + "{\"type\":\"thread\",\"key\":\"b\",\"title\":\"B\",\"url\":null,\"closed\":false}\n"
        + comment(1, "a", 2, "one", "PLAIN") + comment(2, "a", 3, "two", "PLAIN") + comment(3, "a", 1, "three", "PLAIN")
        + comment(4, "a", 3, "four", "PLAIN") + comment(5, "b", 4, "five", "PLAIN");

    ImportReport report = importer.importStream(ImportFormat.TALKBACK,
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));

    assertThat(report.created()).isEqualTo(5);
    assertThat(report.orphans()).as("one cycle broken, one parent in another thread").isEqualTo(2);
    assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("cycle"));
    long topLevelInCycle = java.util.stream.IntStream.of(1, 2, 3).filter(n -> stored(n).isTopLevel()).count();
    assertThat(topLevelInCycle).isEqualTo(1);
    assertThat(stored(4).parentId()).contains(id(3));
    assertThat(stored(5).isTopLevel()).isTrue();
  }

  @Test
  void importStream_rendersHtmlAgainAndRestoresLikesAndThreads() {
    String file = HEADER + "{\"type\":\"thread\",\"key\":\"a\",\"title\":\"A\",\"url\":\"https://x.example/a\",\"closed\":true}\n"
        + comment(2, "a", 0, "<b>bold</b><script>x()</script>", "HTML");

    importer.importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
    importer.importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));

    Comment c = stored(2);
    assertThat(c.html()).contains("<b>bold</b>").doesNotContain("script");
    assertThat(c.likes()).as("two likes, once, however often imported").isEqualTo(2);
    assertThat(store.threadInfo(SiteId.DEFAULT, c.thread()).orElseThrow().closed()).isTrue();
  }

  static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void newerVersion_withFieldsThisVersionDoesNotKnow_isRefusedByItsVersion() {
    String file = "{\"talkback\":\"comments\",\"version\":2,\"site\":\"default\",\"exportedAt\":\"2030-01-01T00:00:00Z\","
        + "\"features\":[\"reactions\"],\"ratio\":0.5}\n";

    assertThatThrownBy(() -> importer.importStream(ImportFormat.TALKBACK, bytes(file)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(1))
        .hasMessageContaining("unsupported Talkback export version 2");
  }

  @Test
  void versionThatWrapsToOneAsAnInt_isRefused() {
    String file = HEADER.replace("\"version\":1", "\"version\":4294967297");

    assertThatThrownBy(() -> importer.importStream(ImportFormat.TALKBACK, bytes(file)))
        .isInstanceOf(ImportException.class).hasMessageContaining("version 4294967297");
  }

  @Test
  void likesBeyondAnInt_isAnImportException() {
    String file = HEADER + "{\"type\":\"thread\",\"key\":\"a\",\"title\":\"A\",\"url\":null,\"closed\":false}\n"
        + comment(1, "a", 0, "one", "PLAIN").replace("\"likes\":1", "\"likes\":4294967297");

    assertThatThrownBy(() -> importer.importStream(ImportFormat.TALKBACK, bytes(file)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(3))
        .hasMessageContaining("likes");
    assertThat(store.find(SiteId.DEFAULT, id(1))).isEmpty();
  }
}
