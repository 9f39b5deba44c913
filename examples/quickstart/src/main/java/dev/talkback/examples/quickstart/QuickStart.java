package dev.talkback.examples.quickstart;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.Comments;
import dev.talkback.comments.Format;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.PrintStream;
import java.util.List;

/**
 * The README's quick start as a program: posts comments and replies, moderates a first-time author, and
 * prints the assembled thread. Run it with {@code ./mvnw -q -pl examples/quickstart -am compile exec:java}.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the walk-through, printing to {@code out}; returns the final page for tests. */
  public static ThreadPage run(PrintStream out) {
    ThreadKey post = ThreadKey.of("posts/hello-world");
    try (Comments comments = Comments.builder()
        // kept in memory for this walk-through only: not durable, everything is gone when the JVM stops;
        // a blog uses JdbiCommentStore (docs/jdbi.md) behind a FallbackCommentStore (docs/fallback.md)
        .store(new InMemoryCommentStore())
        .moderation(ModerationMode.FIRST_TIME)
        .build()) {

      PostResult first = comments.post(NewComment.builder(post)
          .threadTitle("Hello, world")
          .author(Author.named("Ada").withEmail("ada@example.org"))
          .text("Lovely post! More at https://example.org")
          .build());
      out.println("Ada posted; first-time authors wait: " + first.outcome());
      comments.moderation().approve(SiteId.DEFAULT, first.comment().id());

      PostResult reply = comments.post(NewComment.builder(post)
          .author(Author.named("Grace").withEmail("grace@example.org"))
          .replyTo(first.comment().id())
          .text("I *agree*. <script>alert('xss')</script>")
          .format(Format.MARKDOWN)
          .build());
      comments.moderation().approve(SiteId.DEFAULT, reply.comment().id());
      out.println("Grace's reply, sanitized: " + reply.comment().html());

      PostResult again = comments.post(NewComment.builder(post)
          .author(Author.named("Ada").withEmail("ada@example.org"))
          .text("Thanks, Grace.")
          .replyTo(reply.comment().id())
          .build());
      out.println("Ada is trusted now: " + again.outcome());

      ThreadPage page = comments.thread(SiteId.DEFAULT, post, ThreadPageRequest.first(CommentSort.OLDEST, 20));
      out.println("\n" + page.totalCount() + " comments on '" + page.info().orElseThrow().title() + "':");
      print(out, page.comments());
      out.println("\nCounts for the index page: " + comments.counts(SiteId.DEFAULT, List.of(post)));
      return page;
    }
  }

  private static void print(PrintStream out, List<CommentNode> nodes) {
    for (CommentNode n : nodes) {
      out.println("  ".repeat(n.depth() + 1) + n.comment().author().name() + ": " + n.comment().html());
      print(out, n.replies());
    }
  }
}
