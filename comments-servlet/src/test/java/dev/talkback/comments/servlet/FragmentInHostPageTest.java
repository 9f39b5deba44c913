package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.testkit.FaultInjectingStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fragment inside the host's own page, rendered with {@link CommentsServlet#renderFragment} or included
 * with a {@code RequestDispatcher}: HTML in every case, with the form, even when the store is down and
 * nothing is cached; and the servlet's {@code /health} while a plain JDBI store's database is stopped.
 */
@DisplayName("the fragment in a host's page, and health with a stopped database")
class FragmentInHostPageTest {
  private static final byte[] SECRET = "fragment-test-secret-0123".getBytes(StandardCharsets.UTF_8);
  private final Container container = new JettyContainer();
  private Comments comments;

  @AfterEach
  void stop() throws IOException {
    container.close();
    if (comments != null) {
      comments.close();
    }
  }

  /** The blog: {@code /page} renders the fragment itself, {@code /include} includes it, the rest is Talkback. */
  private static final class HostPage extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient CommentsServlet talkback;

    HostPage(CommentsServlet talkback) {
      this.talkback = talkback;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
      String path = req.getPathInfo();
      if ("/page".equals(path) && req.getAttribute("jakarta.servlet.include.servlet_path") == null) {
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write("<!doctype html><title>Hello</title><main><h1>Hello</h1>");
        talkback.writeFragment(req, ThreadFragment.builder("hello").title("Hello").url("/blog/posts/hello")
            .mountPath(Container.CONTEXT + "/comments").build(), resp.getWriter());
        resp.getWriter().write("</main>");
      } else if ("/include".equals(path) && req.getAttribute("jakarta.servlet.include.servlet_path") == null) {
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write("<!doctype html><title>Hello</title><main><h1>Hello</h1>");
        req.getRequestDispatcher("/comments/fragment?" + req.getQueryString()).include(req, resp);
        resp.getWriter().write("</main>");
      } else {
        talkback.service(req, resp);
      }
    }
  }

  private Http start(Comments c) throws Exception {
    comments = c;
    URI base = container.start(new HostPage(CommentsServlet.builder(c).secret(SECRET).build()));
    return new Http(base);
  }

  @Test
  void renderFragment_showsComments() throws Exception {
    Comments c = Comments.builder().store(new InMemoryCommentStore()).build();
    c.post(NewComment.builder(ThreadKey.of("hello")).threadTitle("Hello").author(Author.named("Ada"))
        .text("Rendered in the host's page").build());
    Http http = start(c);
    Http.Reply page = http.get("/page");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Hello</h1>").contains("Rendered in the host")
        .contains("action=\"/blog/comments/form?").contains("</main>");
  }

  @Test
  void storeDown_nothingCached_pageHasReadableHtmlAndForm() throws Exception {
    FaultInjectingStore store = new FaultInjectingStore(new InMemoryCommentStore());
    store.failReads(true);
    Http http = start(Comments.builder().store(store).build());
    for (String path : new String[] {"/page", "/include?thread=hello&title=Hello", "/fragment?thread=hello"}) {
      Http.Reply r = http.get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.body()).as(path).contains("cannot be shown right now").contains("<form")
          .doesNotContain("\"detail\"").doesNotContain("talkback.dev/problems");
    }
  }

  @Test
  void include_badInput_readableHtmlNotJson() throws Exception {
    Http http = start(Comments.builder().store(new InMemoryCommentStore()).build());
    Http.Reply r = http.get("/include?thread=hello&return=https%3A%2F%2Fevil.example%2F");
    assertThat(r.body()).contains("<h1>Hello</h1>").contains("class=\"tb-error\"").contains("return")
        .contains("</main>").doesNotContain("\"detail\"");
  }

  @Test
  void plainJdbiStore_databaseStopped_healthSaysDegraded() throws Exception {
    org.h2.tools.Server h2 = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    try {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:health_" + System.nanoTime());
      JdbiCommentStore store = JdbiCommentStore.builder(ds).build();
      store.initialize();
      Http http = start(Comments.builder().store(store).build());
      assertThat(http.get("/health").json().path("status").asText()).isEqualTo("ok");
      assertThat(store.health().mode()).isEqualTo(StoreMode.READ_WRITE);

      h2.stop();
      assertThat(http.get("/health").json().path("status").asText()).isEqualTo("degraded");
      assertThat(store.health().mode()).isEqualTo(StoreMode.READ_ONLY);
      assertThat(store.health().primary()).hasValueSatisfying(db -> {
        assertThat(db.reachable()).isFalse();
        assertThat(db.lastError()).isNotBlank();
      });
    } finally {
      h2.stop();
    }
  }
}
