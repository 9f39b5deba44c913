package dev.talkback.comments.servlet;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.testkit.ForwardingCommentStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The child JVM of {@link StreamedExportMemoryTest}: a Jetty with the servlet over a store whose site of
 * {@code threads × perThread} comments of about 1 KB exists only as a {@code siteComments} walk, and a
 * client in the same JVM that downloads {@code /admin/export}, counting lines as they arrive (or, with
 * {@code hold}, keeping the whole body: the control, which must run out of memory).
 */
final class StreamedExportChild {
  private static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");
  private static final String BODY = "x".repeat(1000);

  private StreamedExportChild() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int perThread = Integer.parseInt(args[1]);
    boolean hold = args.length > 2 && args[2].equals("hold");
    ForwardingCommentStore store = new ForwardingCommentStore(new InMemoryCommentStore()) {
      @Override
      public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
        int t = 0;
        int i = 0;
        if (after != null) {
          t = Integer.parseInt(after.thread().value().substring(1));
          i = (int) (after.created().getEpochSecond() - BASE.getEpochSecond()) + 1;
        }
        List<Comment> page = new ArrayList<>(limit);
        while (page.size() < limit && t < threads) {
          if (i >= perThread) {
            t++;
            i = 0;
            continue;
          }
          page.add(comment(t, i++));
        }
        return page;
      }

      @Override
      public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
        return Optional.of(ThreadInfo.of(site, thread, "Title " + thread.value()));
      }
    };
    Comments comments = Comments.builder().store(store).build();
    CommentsServlet servlet = CommentsServlet.builder(comments)
        .secret("0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8))
        .moderatorAuthorizer((req, site) -> true).build();
    try (JettyContainer jetty = new JettyContainer()) {
      URI base = jetty.start(servlet);
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/admin/export?format=talkback")).build();
      if (hold) {
        byte[] all = client.send(get, HttpResponse.BodyHandlers.ofByteArray()).body();
        System.out.println("held " + all.length + " bytes");
        return;
      }
      HttpResponse<InputStream> r = client.send(get, HttpResponse.BodyHandlers.ofInputStream());
      long lines = 0;
      long bytes = 0;
      byte[] buf = new byte[8192];
      try (InputStream in = r.body()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          bytes += n;
          for (int k = 0; k < n; k++) {
            if (buf[k] == '\n') {
              lines++;
            }
          }
        }
      }
      System.out.println("status " + r.statusCode() + " lines " + lines + " bytes " + bytes + " maxHeap "
          + Runtime.getRuntime().maxMemory());
    }
  }

  private static Comment comment(int t, int i) {
    CommentId id = new CommentId(new UUID(t + 1L, i + 1L));
    CommentId parent = i == 0 ? null : new CommentId(new UUID(t + 1L, i));
    return Comment.builder().id(id).site(SiteId.DEFAULT).thread(ThreadKey.of(String.format("t%07d", t)))
        .parentId(parent).rootId(new CommentId(new UUID(t + 1L, 1L)))
        .author(new Author("Author " + i, "a" + i + "@example.org", null, null))
        .source(BODY).format(Format.PLAIN).html("<p>" + BODY + "</p>")
        .status(i % 10 == 9 ? CommentStatus.SPAM : CommentStatus.APPROVED)
        .created(BASE.plusSeconds(i)).build();
  }
}
