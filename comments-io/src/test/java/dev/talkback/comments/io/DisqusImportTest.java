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
  void importFile_gzippedAsDisqusMailsIt_isReadLikeThePlainFile() throws java.io.IOException {
    byte[] plain;
    try (InputStream in = fixture()) {
      plain = in.readAllBytes();
    }
    java.nio.file.Path gz = java.nio.file.Files.createTempFile("disqus-export", ".xml.gz");
    try {
      java.nio.file.Files.write(gz, CommentoImportTest.gzip(new String(plain, java.nio.charset.StandardCharsets.UTF_8)));
      ImportReport fromGz = importer.importFile(ImportFormat.DISQUS, gz);
      ImportReport fromPlain = Importer.builder().threadKeys(KEYS).build().dryRun(ImportFormat.DISQUS,
          new java.io.ByteArrayInputStream(plain));

      assertThat(fromGz.created()).isEqualTo(fromPlain.comments()).isPositive();
      assertThat(fromGz.byStatus()).isEqualTo(fromPlain.byStatus());
      assertThat(ImportFormat.detect(java.nio.file.Files.readAllBytes(gz))).contains(ImportFormat.DISQUS);
    } finally {
      java.nio.file.Files.deleteIfExists(gz);
    }
  }

  @Test
  void importStream_twice_storesEachCommentOnce() {
    importer.importStream(ImportFormat.DISQUS, fixture());
    ImportReport again = importer.importStream(ImportFormat.DISQUS, fixture());

    assertThat(again.created()).isZero();
    assertThat(again.existing()).isEqualTo(14);
    assertThat(store.byStatus(SiteId.DEFAULT, CommentStatus.APPROVED, 100)).hasSize(10);
  }

  static InputStream disqus(String body) {
    String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<disqus xmlns=\"http://disqus.com\" "
        + "xmlns:dsq=\"http://disqus.com/disqus-internals\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        + body + "</disqus>\n";
    return new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String thread(String dsqId, String link) {
    return "<thread dsq:id=\"" + dsqId + "\"><id/><forum>f</forum><link>" + link + "</link><title>T</title>"
        + "<createdAt>2019-01-01T00:00:00Z</createdAt><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n";
  }

  static String post(String dsqId, String threadId, String createdAt, String author) {
    return "<post dsq:id=\"" + dsqId + "\"><id/><message><![CDATA[<p>m " + dsqId + "</p>]]></message><createdAt>"
        + createdAt + "</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>" + author
        + "<ipAddress>192.0.2.1</ipAddress><thread dsq:id=\"" + threadId + "\"/></post>\n";
  }

  @Test
  void importStream_createdAt_withOrWithoutFractionAndAnyOffsetSpelling() {
    String author = "<author><name>A</name><isAnonymous>true</isAnonymous></author>";
    ImportReport report = importer.importStream(ImportFormat.DISQUS, disqus(
        thread("t", "https://old.lighthouse.example/blog/a/")
            + post("1", "t", "2019-03-02T10:00:00Z", author)
            + post("2", "t", "2019-03-02T10:00:00.123Z", author)
            + post("3", "t", "2019-03-02T11:00:00+01:00", author)
            + post("4", "t", "2019-03-02T11:00:00+0100", author)
            + post("5", "t", "2019-03-02T10:00:00", author)
            + post("6", "t", "2019-03-02 10:00:00", author)
            + post("7", "t", "2019-03-02T05:00:00.5-05", author)));

    assertThat(report.comments()).isEqualTo(7);
    assertThat(stored("1").created()).isEqualTo(Instant.parse("2019-03-02T10:00:00Z"));
    assertThat(stored("2").created()).isEqualTo(Instant.parse("2019-03-02T10:00:00.123Z"));
    assertThat(stored("3").created()).isEqualTo(Instant.parse("2019-03-02T10:00:00Z"));
    assertThat(stored("4").created()).isEqualTo(Instant.parse("2019-03-02T10:00:00Z"));
    assertThat(stored("5").created()).isEqualTo(Instant.parse("2019-03-02T10:00:00Z"));
    assertThat(stored("6").created()).isEqualTo(Instant.parse("2019-03-02T10:00:00Z"));
    assertThat(stored("7").created()).isEqualTo(Instant.parse("2019-03-02T10:00:00.5Z"));
  }

  @Test
  void importStream_postsBeforeTheirThread_andOfAThreadNeverDefined() {
    String author = "<author><name>A</name></author>";
    ImportReport report = importer.importStream(ImportFormat.DISQUS, disqus(
        post("1", "late", "2019-03-02T10:00:00Z", author)
            + post("2", "never", "2019-03-02T10:00:00Z", author)
            + thread("late", "https://old.lighthouse.example/blog/late/")));

    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("posts/late"));
    assertThat(report.skipped()).isEqualTo(1);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordId()).isEqualTo("2");
      assertThat(p.message()).contains("never").contains("skipped");
    });
  }

  @Test
  void importStream_authorsWithoutEmailOrName() {
    ImportReport report = importer.importStream(ImportFormat.DISQUS, disqus(
        thread("t", "https://old.lighthouse.example/blog/a/")
            + post("1", "t", "2019-03-02T10:00:00Z",
                "<author><name>Guest</name><isAnonymous>true</isAnonymous></author>")
            + post("2", "t", "2019-03-02T10:00:00Z",
                "<author><name>Ada</name><isAnonymous>false</isAnonymous><username>ada</username></author>")
            + post("3", "t", "2019-03-02T10:00:00Z", "<author><isAnonymous>true</isAnonymous></author>")
            + post("4", "t", "2019-03-02T10:00:00Z", "")));

    assertThat(report.comments()).isEqualTo(4);
    assertThat(stored("1").author().email()).isNull();
    assertThat(stored("2").author().name()).isEqualTo("Ada");
    assertThat(stored("2").author().userId()).as("Disqus user names are not host user ids").isNull();
    assertThat(stored("3").author().name()).isEmpty();
  }

  @Test
  void importStream_threadKeyFromItsLinkOtherwiseItsIdentifier() {
    String author = "<author><name>A</name></author>";
    ImportReport report = importer.importStream(ImportFormat.DISQUS, disqus(
        "<thread dsq:id=\"a\"><id>42 https://old.lighthouse.example/?p=42</id><link/><title>T</title></thread>\n"
            + "<thread dsq:id=\"b\"><id/><link>https://old.lighthouse.example/?p=43</link><title>T</title></thread>\n"
            + "<thread dsq:id=\"c\"><id/><link>https://old.lighthouse.example/blog/c/?utm_source=x#comments</link>"
            + "<title>T</title></thread>\n"
            + post("1", "a", "2019-03-02T10:00:00Z", author)
            + post("2", "b", "2019-03-02T10:00:00Z", author)
            + post("3", "c", "2019-03-02T10:00:00Z", author)));

    assertThat(report.byThread()).containsOnlyKeys(ThreadKey.of("42 https://old.lighthouse.example/?p=42"),
        ThreadKey.of("/?p=43"), ThreadKey.of("posts/c"));
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
