package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Threads are rendered and stored by several workers at once: the stored comments, the counts and the
 * problems are the same whatever the number of workers, and a second run stores nothing.
 */
class ParallelImportTest {
  static byte[] disqus(int threads, int perThread) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<disqus xmlns:dsq=\"http://disqus.com/disqus-internals\">\n");
    for (int t = 0; t < threads; t++) {
      b.append("<thread dsq:id=\"t").append(t).append("\"><link>https://blog.example/p").append(t)
          .append("/</link><title>P").append(t).append("</title></thread>\n");
    }
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        b.append("<post dsq:id=\"p").append(t).append('-').append(i).append("\"><message><![CDATA[<p>Comment ")
            .append(i).append(i % 7 == 0 ? " <script>x()</script>" : "").append(i % 11 == 0 ? "<b></b>" : "")
            .append("</p>]]></message><createdAt>2015-01-01T00:")
            .append(String.format("%02d:%02d", i / 60 % 60, i % 60)).append("Z</createdAt><isSpam>")
            .append(i % 10 == 3).append("</isSpam><author><name>A").append(i).append("</name></author><thread dsq:id=\"t")
            .append(t).append("\"/>");
        if (i > 0) {
          b.append("<parent dsq:id=\"p").append(t).append('-').append(i % 5 == 0 ? "missing" : String.valueOf(i / 2))
              .append("\"/>");
        }
        b.append("</post>\n");
      }
    }
    return b.append("</disqus>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void importStream_sameResultWithOneOrManyWorkers() {
    byte[] file = disqus(40, 60);
    InMemoryCommentStore one = new InMemoryCommentStore();
    InMemoryCommentStore many = new InMemoryCommentStore();
    ImportReport a = Importer.builder().store(one).parallelism(1).build()
        .importStream(ImportFormat.DISQUS, new ByteArrayInputStream(file));
    ImportReport b = Importer.builder().store(many).parallelism(6).batchSize(7).build()
        .importStream(ImportFormat.DISQUS, new ByteArrayInputStream(file));

    assertThat(a.created()).isEqualTo(2400);
    assertThat(b.created()).isEqualTo(2400);
    assertThat(b.byStatus()).isEqualTo(a.byStatus());
    assertThat(b.byThread()).isEqualTo(a.byThread());
    assertThat(b.orphans()).isEqualTo(a.orphans()).isPositive();
    assertThat(b.problems()).isEqualTo(a.problems());
    assertThat(b.problems()).isSortedAccordingTo((x, y) -> Long.compare(x.line(), y.line()));
    assertThat(SampleData.export(many, ExportFormat.TALKBACK)).isEqualTo(SampleData.export(one, ExportFormat.TALKBACK));
    assertThat(new String(SampleData.export(many, ExportFormat.TALKBACK), StandardCharsets.UTF_8))
        .as("every body was sanitized (the source is kept as written)").doesNotContainPattern("\"html\":\"[^\"]*<script")
        .contains("\"html\":\"<p>Comment 7 </p>\"");

    ImportReport again = Importer.builder().store(many).parallelism(6).build()
        .importStream(ImportFormat.DISQUS, new ByteArrayInputStream(file));
    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(2400);
  }

  @Test
  void dryRun_reportsBodiesThatSanitizeToNothing() {
    String file = "<disqus xmlns:dsq=\"http://disqus.com/disqus-internals\"><thread dsq:id=\"t\"><link>/a</link></thread>"
        + "<post dsq:id=\"p\"><message><![CDATA[<script>only()</script>]]></message>"
        + "<createdAt>2015-01-01T00:00:00Z</createdAt><thread dsq:id=\"t\"/></post></disqus>";
    ImportReport r = Importer.builder().build().dryRun(ImportFormat.DISQUS,
        new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.comments()).isEqualTo(1);
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("p");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).contains("nothing to show once sanitized");
    });
  }
}
