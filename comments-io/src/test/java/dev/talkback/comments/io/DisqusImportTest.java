package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.Ids;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DisqusImportTest {
  static final ThreadKeyMapping KEYS = ThreadKeyMapping.builder()
      .rule("https://old.lighthouse.example/blog/", "posts/").stripTrailingSlash(true).build();

  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).threadKeys(KEYS).build();

  static InputStream fixture() {
    InputStream in = DisqusImportTest.class.getResourceAsStream("/fixtures/disqus.xml");
    assertThat(in).isNotNull();
    return in;
  }

  static CommentId id(String original) {
    return Ids.derive(SiteId.DEFAULT, "disqus", original);
  }

  Comment stored(String original) {
    return store.find(SiteId.DEFAULT, id(original)).orElseThrow();
  }

  @Test
  void importStream_countsStatusesThreadsAndProblems() {
    ImportReport report = importer.importStream(ImportFormat.DISQUS, fixture());

    assertThat(report.comments()).isEqualTo(14);
    assertThat(report.created()).isEqualTo(14);
    assertThat(report.byStatus()).containsEntry(CommentStatus.APPROVED, 10L).containsEntry(CommentStatus.SPAM, 1L)
        .containsEntry(CommentStatus.DELETED, 2L).containsEntry(CommentStatus.PENDING, 1L);
    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("posts/keeping-the-lamp"),
        ThreadKey.of("posts/fog-signals"), ThreadKey.of("posts/removed"));
    assertThat(report.byThread().get(ThreadKey.of("posts/keeping-the-lamp"))).isEqualTo(9);
    assertThat(report.orphans()).isEqualTo(1);
    assertThat(report.skipped()).isEqualTo(1);
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.recordId()).isEqualTo("o1");
      assertThat(p.line()).isGreaterThan(1);
      assertThat(p.message()).contains("parent");
    });
    assertThat(report.problems()).anySatisfy(p -> assertThat(p.recordId()).isEqualTo("u1"));
  }

  @Test
  void importStream_keepsParentsEvenWhenTheReplyComesFirstAndTheChainIsDeep() {
    importer.importStream(ImportFormat.DISQUS, fixture());

    assertThat(stored("p2").parentId()).contains(id("p1"));
    assertThat(stored("c9").parentId()).contains(id("c8"));
    assertThat(stored("c9").rootId()).isEqualTo(id("p1"));
    assertThat(stored("o1").isTopLevel()).isTrue();
  }

  @Test
  void importStream_keepsStatusesTimesAndEmailsAndSanitizes() {
    importer.importStream(ImportFormat.DISQUS, fixture());

    assertThat(stored("s1").status()).isEqualTo(CommentStatus.SPAM);
    assertThat(stored("d1").status()).isEqualTo(CommentStatus.DELETED);
    assertThat(stored("h1").status()).isEqualTo(CommentStatus.PENDING);
    assertThat(stored("r1").status()).as("comment of a deleted thread").isEqualTo(CommentStatus.DELETED);
    assertThat(stored("c9").created()).isEqualTo(Instant.parse("2019-03-02T10:06:00Z"));
    Comment p1 = stored("p1");
    assertThat(p1.author().email()).isEqualTo("ada@example.org");
    assertThat(p1.author().name()).isEqualTo("Ada");
    assertThat(p1.html()).contains("Trim the wick").doesNotContain("script").doesNotContain("javascript:")
        .doesNotContain("onclick");
    ThreadInfo t1 = store.threadInfo(SiteId.DEFAULT, ThreadKey.of("posts/keeping-the-lamp")).orElseThrow();
    assertThat(t1.closed()).isTrue();
    assertThat(t1.title()).isEqualTo("Keeping the lamp lit");
    assertThat(t1.url()).isEqualTo("https://old.lighthouse.example/blog/keeping-the-lamp/");
  }

  @Test
  void importStream_twice_storesEachCommentOnce() {
    importer.importStream(ImportFormat.DISQUS, fixture());
    ImportReport again = importer.importStream(ImportFormat.DISQUS, fixture());

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(14);
    assertThat(store.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 100)).hasSize(10);
  }

  @Test
  void dryRun_reportsWithoutStoring() {
    ImportReport report = importer.dryRun(ImportFormat.DISQUS, fixture());

    assertThat(report.dryRun()).isTrue();
    assertThat(report.comments()).isEqualTo(14);
    assertThat(report.orphans()).isEqualTo(1);
    assertThat(report.created()).isZero();
    assertThat(report.summary()).contains("Dry run of disqus: 14 comments in 3 threads");
    for (CommentStatus s : CommentStatus.values()) {
      assertThat(store.byStatus(SiteId.DEFAULT, s, 100)).isEmpty();
    }
  }

  @Test
  void dryRun_withoutStore() {
    ImportReport report = Importer.builder().build().dryRun(ImportFormat.DISQUS, fixture());

    assertThat(report.byThread()).containsKey(ThreadKey.of("/blog/keeping-the-lamp/"));
  }

  @Test
  void dryRun_progressNeverSaysStoring() {
    java.util.List<ImportProgress.Phase> phases = new java.util.ArrayList<>();
    java.util.List<Long> checked = new java.util.ArrayList<>();
    Importer dry = Importer.builder().progress((phase, done, total) -> {
      phases.add(phase);
      if (phase == ImportProgress.Phase.CHECKING) {
        checked.add(done);
      }
    }).build();

    dry.dryRun(ImportFormat.DISQUS, fixture());

    assertThat(phases).contains(ImportProgress.Phase.READING, ImportProgress.Phase.CHECKING)
        .doesNotContain(ImportProgress.Phase.STORING);
    assertThat(checked).last().isEqualTo(15L);
  }

  @Test
  void importStream_progressSaysStoring() {
    java.util.List<ImportProgress.Phase> phases = new java.util.ArrayList<>();
    Importer real = Importer.builder().store(store).threadKeys(KEYS)
        .progress((phase, done, total) -> phases.add(phase)).build();

    real.importStream(ImportFormat.DISQUS, fixture());

    assertThat(phases).contains(ImportProgress.Phase.READING, ImportProgress.Phase.STORING)
        .doesNotContain(ImportProgress.Phase.CHECKING);
  }
}
