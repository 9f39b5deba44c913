package dev.talkback.comments.io;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentRenderer;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentStore;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A small site with every field and status set, built as Comments would build it. */
final class SampleData {
  static final CommentRenderer RENDERER = CommentRenderer.create(ContentPolicy.defaults());
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.123456Z"), ZoneOffset.UTC);

  private SampleData() {}

  static Comment comment(ThreadKey thread, String id, @Nullable Comment parent, Author author, String text,
      Format format, CommentStatus status, Instant created) {
    CommentRenderer.Result r = RENDERER.render(text, format);
    return Comment.builder().id(new CommentId(UUID.fromString(id))).site(SiteId.DEFAULT).thread(thread)
        .parentId(parent == null ? null : parent.id()).rootId(parent == null ? null : parent.rootId())
        .author(author).source(r.source()).format(format).html(r.html()).status(status).created(created).build();
  }

  static void populate(CommentStore store) {
    ThreadKey one = ThreadKey.of("posts/one");
    ThreadKey two = ThreadKey.of("posts/two");
    ThreadInfo t1 = new ThreadInfo(SiteId.DEFAULT, one, "One", "https://blog.example/one", true);
    ThreadInfo t2 = new ThreadInfo(SiteId.DEFAULT, two, "Two & <three>", null, false);
    Instant t = Instant.parse("2024-05-06T07:08:09.123456Z");
    Comment a = comment(one, "018f0000-0000-7000-8000-000000000001", null,
        new Author("Zoë 🎉", "zoe@example.org", "https://zoe.example", null),
        "Hello **world** <script>x()</script>\n\nsecond para", Format.MARKDOWN, CommentStatus.APPROVED, t);
    Comment b = comment(one, "018f0000-0000-7000-8000-000000000002", a, new Author("Bo", null, null, "user-7"),
        "plain <b>text</b> https://example.org", Format.PLAIN, CommentStatus.PENDING, t.plusSeconds(60));
    Comment c = comment(one, "018f0000-0000-7000-8000-000000000003", b, Author.named("Cy"),
        "<p>html <i>reply</i></p>", Format.HTML, CommentStatus.SPAM, t.plusSeconds(120)).toBuilder()
        .edited(t.plusSeconds(180)).build();
    Comment d = comment(one, "018f0000-0000-7000-8000-000000000004", null, Author.named("Di"),
        "deleted \"quotes\" and \\ backslash", Format.PLAIN, CommentStatus.DELETED, t.plusSeconds(240)).toBuilder()
        .editTokenHash("ab".repeat(32)).ipHash("ip-hash-1").build();
    Comment ping = comment(one, "018f0000-0000-7000-8000-000000000005", null,
        CommentKind.PINGBACK.mark(new Author("Other blog", null, "https://other.example/x", null)),
        "[…] linked […]", Format.HTML, CommentStatus.DELETED, t.plusSeconds(300));
    Comment e = comment(two, "018f0000-0000-7000-8000-000000000006", null, Author.named(""),
        "same second", Format.PLAIN, CommentStatus.APPROVED, t);
    Comment f = comment(two, "018f0000-0000-7000-8000-000000000007", null, Author.named("Fi"),
        "same second too", Format.PLAIN, CommentStatus.APPROVED, t);
    store.saveThread(t1);
    store.insertAll(t1, List.of(a, b, c, d, ping));
    store.insertAll(t2, List.of(f, e));
    store.like(SiteId.DEFAULT, a.id(), "reader-1");
    store.like(SiteId.DEFAULT, a.id(), "reader-2");
    store.like(SiteId.DEFAULT, e.id(), "reader-1");
  }

  static byte[] export(CommentStore store, ExportFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.builder(store).clock(CLOCK).build().export(format, out);
    return out.toByteArray();
  }
}
