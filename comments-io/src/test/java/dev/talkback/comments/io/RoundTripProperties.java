package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoundTripProperties {
  /** One comment of a generated forest: its parent is an earlier comment's index, or -1. */
  record Node(int parent, CommentStatus status, Format format, String text, int gapSeconds, int thread, int likes,
      boolean pingback) {}

  @Provide
  Arbitrary<List<Node>> forests() {
    Arbitrary<Node> node = Combinators.combine(
        Arbitraries.integers().between(-1, 40),
        Arbitraries.of(CommentStatus.class),
        Arbitraries.of(Format.PLAIN, Format.MARKDOWN, Format.HTML),
        Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '*', '<', '>', '&', '"', 'é', '\n')
            .ofMinLength(0).ofMaxLength(40),
        Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 2),
        Arbitraries.of(false, false, false, true))
        .as(Node::new);
    return node.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 60)
  void randomForest_survivesExportAndImport(@ForAll("forests") List<Node> nodes) {
    InMemoryCommentStore a = new InMemoryCommentStore();
    List<Comment> comments = build(nodes);
    for (Comment c : comments) {
      ThreadInfo t = ThreadInfo.of(SiteId.DEFAULT, c.thread(), "Thread " + c.thread());
      a.insertAll(t, List.of(c));
    }
    for (int i = 0; i < nodes.size(); i++) {
      for (int l = 0; l < nodes.get(i).likes(); l++) {
        a.like(SiteId.DEFAULT, comments.get(i).id(), "client-" + l);
      }
    }
    byte[] first = SampleData.export(a, ExportFormat.TALKBACK);

    InMemoryCommentStore b = new InMemoryCommentStore();
    ImportReport report = Importer.builder().store(b).build()
        .importStream(ImportFormat.TALKBACK, new ByteArrayInputStream(first));

    assertThat(report.created()).isEqualTo(nodes.size());
    assertThat(report.orphans()).isZero();
    for (Comment c : comments) {
      Comment original = a.find(SiteId.DEFAULT, c.id()).orElseThrow();
      assertThat(b.find(SiteId.DEFAULT, c.id())).contains(original);
    }
    assertThat(SampleData.export(b, ExportFormat.TALKBACK)).isEqualTo(first);
  }

  private static List<Comment> build(List<Node> nodes) {
    List<Comment> comments = new ArrayList<>();
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      t = t.plusSeconds(n.gapSeconds());
      // a reply stays in its parent's thread; a top-level comment picks one
      Comment parent = n.parent() >= 0 && n.parent() < i ? comments.get(n.parent()) : null;
      ThreadKey thread = parent != null ? parent.thread() : ThreadKey.of("t" + n.thread());
      Author author = new Author("author " + (i % 3), i % 2 == 0 ? "a" + (i % 3) + "@example.org" : null, null, null);
      if (n.pingback()) {
        author = CommentKind.PINGBACK.mark(author);
      }
      String text = n.text().isBlank() ? "x" : n.text();
      String id = new UUID(0x018f000000007000L, 0x8000000000000000L | i).toString();
      Comment c;
      try {
        c = SampleData.comment(thread, id, parent, author, text, n.format(), n.status(), t);
      } catch (dev.talkback.comments.CommentValidationException e) {
        // markup that sanitizes to nothing: the text as plain text always shows
        c = SampleData.comment(thread, id, parent, author, text + " x", Format.PLAIN, n.status(), t);
      }
      comments.add(c);
    }
    return comments;
  }
}
