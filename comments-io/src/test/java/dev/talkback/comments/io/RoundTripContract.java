package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Export, import into an empty store, export again: byte-identical. Each store runs it. */
abstract class RoundTripContract {
  /** A new, empty store; {@code name} tells two stores of one test apart. */
  abstract CommentStore newStore(String name);

  @Test
  void talkback_exportImportExport_isByteIdentical() {
    CommentStore a = newStore("a");
    SampleData.populate(a);
    byte[] first = SampleData.export(a, ExportFormat.TALKBACK);

    CommentStore b = newStore("b");
    ImportReport report = Importer.builder().store(b).build()
        .importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(first));
    byte[] second = SampleData.export(b, ExportFormat.TALKBACK);

    assertThat(report.created()).isEqualTo(7);
    assertThat(report.problemCount()).isZero();
    assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
    assertThat(second).isEqualTo(first);
    assertThat(b.threadInfo(SiteId.DEFAULT, ThreadKey.of("posts/one")).orElseThrow().closed()).isTrue();
  }

  @Test
  void talkback_importTwice_storesOnce() {
    CommentStore a = newStore("a");
    SampleData.populate(a);
    byte[] first = SampleData.export(a, ExportFormat.TALKBACK);
    CommentStore b = newStore("b");
    Importer importer = Importer.builder().store(b).build();
    importer.importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(first));

    ImportReport again = importer.importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(first));

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(7);
    assertThat(SampleData.export(b, ExportFormat.TALKBACK)).isEqualTo(first);
  }

  @Test
  void wxr_exportThenImport_keepsThreadsParentsStatusesAndKinds() {
    CommentStore a = newStore("a");
    SampleData.populate(a);
    byte[] wxr = SampleData.export(a, ExportFormat.WXR);
    CommentStore b = newStore("b");

    ImportReport report = Importer.builder().store(b)
        .threadKeys(ThreadKeyMapping.builder().rule("https://blog.example/", "posts/").build()).build()
        .importStream(ImportFormat.WXR, new ByteArrayInputStream(wxr));

    assertThat(report.comments()).isEqualTo(7);
    assertThat(report.orphans()).isZero();
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 3L).containsEntry(CommentStatus.PENDING, 1L)
        .containsEntry(CommentStatus.SPAM, 1L).containsEntry(CommentStatus.DELETED, 2L);
    assertThat(report.byKind()).containsEntry(CommentKind.PINGBACK, 1L);
    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("posts/one"), ThreadKey.of("posts/two"));
    assertThat(b.threadInfo(SiteId.DEFAULT, ThreadKey.of("posts/one")).orElseThrow().closed()).isTrue();
  }
}
