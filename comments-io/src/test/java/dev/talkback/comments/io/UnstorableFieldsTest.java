package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.internal.Ids;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.StorableText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A record whose author fields or thread title no store could keep (an email too long to key the author by, a
 * website over 64 KiB, a NUL character in an email, a title over 64 KiB) is imported without them, each
 * reported, instead of stopping the import halfway with the store's refusal: the JDBI store refused such a
 * comment after the file's earlier threads were stored.
 */
class UnstorableFieldsTest {
  static final String LONG_EMAIL = "a".repeat(600) + "@example.org";

  TestDatabase h2;

  @AfterEach
  void close() {
    if (h2 != null) {
      h2.close();
    }
  }

  static String disqus() {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
        + thread("t1", "https://blog.example/a/", "A") + thread("t2", "https://blog.example/b/", "T".repeat(70_000))
        + post("p1", "t1", "ok@example.org", "Ok", "<p>first</p>")
        + post("p2", "t2", LONG_EMAIL, "N".repeat(70_000), "<p>long email and name</p>")
        + post("p4", "t1", "last@example.org", "Last", "<p>after them</p>")
        + "</disqus>\n";
  }

  static String thread(String id, String link, String title) {
    return "<thread dsq:id=\"" + id + "\"><id/><link>" + link + "</link><title>" + title + "</title>"
        + "<createdAt>2012-01-01T00:00:00Z</createdAt><author><name>x</name><isAnonymous>false</isAnonymous></author>"
        + "<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n";
  }

  static String post(String id, String thread, String email, String name, String html) {
    return "<post dsq:id=\"" + id + "\"><id/><message><![CDATA[" + html + "]]></message>"
        + "<createdAt>2012-01-02T00:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>"
        + "<author><email>" + email + "</email><name>" + name + "</name><isAnonymous>false</isAnonymous></author>"
        + "<thread dsq:id=\"" + thread + "\"/></post>\n";
  }

  static Comment stored(CommentStore store, String original) {
    return store.find(SiteId.DEFAULT, Ids.derive(SiteId.DEFAULT, "disqus", original)).orElseThrow();
  }

  void importsEveryCommentAndSaysWhatWasLeftOut(CommentStore store) {
    ImportReport report = Importer.builder().store(store).build().importStream(ImportFormat.DISQUS,
        new ByteArrayInputStream(disqus().getBytes(StandardCharsets.UTF_8)));

    assertThat(report.created()).isEqualTo(3);
    assertThat(report.skipped()).isZero();
    Comment longEmail = stored(store, "p2");
    assertThat(longEmail.author().email()).isNull();
    assertThat(longEmail.author().name()).hasSize(255).endsWith("…").startsWith("NNN");
    assertThat(stored(store, "p1").author().email()).isEqualTo("ok@example.org");
    assertThat(stored(store, "p4").html()).isEqualTo("<p>after them</p>");
    assertThat(store.threadInfo(SiteId.DEFAULT, ThreadKey.of("/b/")).orElseThrow().title())
        .hasSize(1_000).endsWith("…");
    assertThat(report.problems()).extracting(ImportProblem::message)
        .anySatisfy(m -> assertThat(m).startsWith("kept without its author's email, which no store can keep:"))
        .anySatisfy(m -> assertThat(m).startsWith("kept with its author's name shortened"))
        .anySatisfy(m -> assertThat(m).startsWith("the thread is kept with its title shortened"));
  }

  @Test
  void inMemory() {
    importsEveryCommentAndSaysWhatWasLeftOut(new InMemoryCommentStore());
  }

  @Test
  void onH2_whichRefusedSuchAComment() {
    h2 = TestDatabase.h2();
    JdbiCommentStore store = JdbiCommentStore.builder(h2.dataSource()).build();
    store.initialize();
    importsEveryCommentAndSaysWhatWasLeftOut(store);
  }

  @Test
  void aNulInAnEmailAndAHugeWebsite_fromAJsonSource_areLeftOutToo() {
    InMemoryCommentStore store = new InMemoryCommentStore();
    String commento = "{\"version\":1,\"comments\":[{\"commentHex\":\"c1\",\"domain\":\"blog.example\",\"url\":\"/a/\","
        + "\"commenterHex\":\"u1\",\"markdown\":\"hi\",\"html\":\"<p>hi</p>\",\"parentHex\":\"root\",\"score\":0,"
        + "\"state\":\"approved\",\"creationDate\":\"2020-01-01T00:00:00Z\",\"deleted\":false}],"
        + "\"commenters\":[{\"commenterHex\":\"u1\",\"email\":\"a\\u0000b@example.org\",\"name\":\"Ann\","
        + "\"link\":\"https://spam.example/" + "x".repeat(70_000) + "\"}]}";

    ImportReport report = Importer.builder().store(store).build().importStream(ImportFormat.COMMENTO,
        new ByteArrayInputStream(commento.getBytes(StandardCharsets.UTF_8)));

    assertThat(report.created()).isEqualTo(1);
    Comment c = store.siteComments(SiteId.DEFAULT, null, 10).get(0);
    assertThat(c.author().email()).isNull();
    assertThat(c.author().name()).isEqualTo("Ann");
    assertThat(c.author().website()).isNull();
    assertThat(report.problems()).extracting(ImportProblem::message)
        .anySatisfy(m -> assertThat(m).startsWith("kept without its author's email").contains("NUL"))
        .anySatisfy(m -> assertThat(m).startsWith("kept without its author's website").contains("65535"));
  }

  /**
   * A comment whose text (or the HTML it renders to) is longer than any store keeps is kept shortened and
   * reported; the store's refusal used to stop the import at that comment's thread.
   */
  @Test
  void aCommentTooLongForAnyStore_isKeptShortened_andReported() {
    h2 = TestDatabase.h2();
    JdbiCommentStore store = JdbiCommentStore.builder(h2.dataSource()).build();
    store.initialize();
    String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
        + thread("t1", "https://blog.example/a/", "A")
        + post("p1", "t1", "ok@example.org", "Ok", "<p>first</p>")
        + post("p2", "t1", "big@example.org", "Big", "<p>" + "word ".repeat(250_000) + "</p>")
        // 600,000 characters of text, 1,500,000 of HTML: every "<" becomes "&lt;"
        + post("p3", "t1", "lt@example.org", "Lt", "< ".repeat(300_000))
        + post("p4", "t1", "last@example.org", "Last", "<p>after them</p>")
        + "</disqus>\n";

    ImportReport report = Importer.builder().store(store).build().importStream(ImportFormat.DISQUS,
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    assertThat(report.created()).isEqualTo(4);
    Comment big = stored(store, "p2");
    assertThat(big.source()).hasSizeLessThanOrEqualTo(StorableText.MAX_LONG_TEXT_CHARS).startsWith("<p>word word")
        .endsWith("…");
    assertThat(big.html()).hasSizeLessThanOrEqualTo(StorableText.MAX_LONG_TEXT_CHARS).startsWith("<p>word word")
        .endsWith("…</p>");
    Comment lt = stored(store, "p3");
    assertThat(lt.html()).hasSizeLessThanOrEqualTo(StorableText.MAX_LONG_TEXT_CHARS).startsWith("&lt; &lt; ")
        .hasSizeGreaterThan(StorableText.MAX_LONG_TEXT_CHARS * 9 / 10);
    assertThat(lt.source()).hasSizeLessThan(600_000).hasSizeGreaterThan(350_000).startsWith("< < ");
    assertThat(stored(store, "p4").html()).isEqualTo("<p>after them</p>");
    assertThat(report.problems()).filteredOn(p -> p.message().startsWith("kept with its text shortened"))
        .extracting(ImportProblem::recordId).containsExactly("p2", "p3");
    assertThat(report.problems()).extracting(ImportProblem::message)
        .anySatisfy(m -> assertThat(m).contains("of its 1,250,007 characters"))
        // the normalized text: its last space trimmed
        .anySatisfy(m -> assertThat(m).contains("of its 599,999 characters"));
  }

  /** A text that sanitizes to nothing and is too long is reported once for what is stored, not twice. */
  @Test
  void aTooLongTextThatSanitizesToNothing_isReportedForWhatIsStored() {
    InMemoryCommentStore store = new InMemoryCommentStore();
    String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        + "<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">\n"
        + thread("t1", "https://blog.example/a/", "A")
        + post("p1", "t1", "x@example.org", "X", "<script>" + "x".repeat(1_100_000) + "</script>")
        + "</disqus>\n";

    ImportReport report = Importer.builder().store(store).build().importStream(ImportFormat.DISQUS,
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    assertThat(report.created()).isEqualTo(1);
    Comment c = stored(store, "p1");
    assertThat(c.html()).isEmpty();
    assertThat(c.source()).hasSizeLessThanOrEqualTo(StorableText.MAX_LONG_TEXT_CHARS);
    assertThat(report.problems()).extracting(ImportProblem::message)
        .filteredOn(m -> m.startsWith("the text has nothing to show")).hasSize(1);
    assertThat(report.problems()).extracting(ImportProblem::message)
        .filteredOn(m -> m.startsWith("kept with its text shortened")).hasSize(1);
  }
}
