package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comments;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.RawHttp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * In embedded Jetty 12 a cached thread's headers and length go through Jetty's own header API (issue 15, item
 * 1): the same servlet is mounted twice, once as it is and once behind a filter that wraps the response, which
 * must see every header through {@code addHeader} and so takes the Servlet API's path. Both must send the
 * same header lines, byte for byte apart from {@code Date}, for a plain read, a gzipped read and a 304.
 */
class JettyHeaderPathTest {
  private Server server;
  private Comments comments;
  private int port;
  /** What the probe filter found in Jetty's own headers after the servlet answered a read on the direct mount. */
  private final List<String> directFieldClasses = new CopyOnWriteArrayList<>();
  /** The header names the wrapper's {@code addHeader}/{@code setHeader} saw on the wrapped mount. */
  private final List<String> wrapperSaw = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    comments = Comments.builder().store(new InMemoryCommentStore()).build();
    CommentsServlet servlet = CommentsServlet.builder(comments)
        .secret("0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8))
        .build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/blog");
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.getServletHandler().addServletWithMapping(holder, "/comments/*");
    context.getServletHandler().addServletWithMapping(holder, "/wrapped/*");
    Filter probe = (req, resp, chain) -> {
      chain.doFilter(req, resp);
      if (((HttpServletRequest) req).getMethod().equals("POST")) {
        return;
      }
      HttpField csp = ServletContextResponse.getServletContextResponse(resp).getHeaders()
          .getField("Content-Security-Policy");
      directFieldClasses.add(csp == null ? "none" : csp.getClass().getName());
    };
    Filter wrap = (req, resp, chain) -> chain.doFilter(req, new HttpServletResponseWrapper((HttpServletResponse) resp) {
      @Override
      public void addHeader(String name, String value) {
        wrapperSaw.add(name);
        super.addHeader(name, value);
      }

      @Override
      public void setHeader(String name, String value) {
        wrapperSaw.add(name);
        super.setHeader(name, value);
      }

      @Override
      public void setContentLength(int len) {
        wrapperSaw.add("Content-Length");
        super.setContentLength(len);
      }
    });
    FilterHolder probeHolder = new FilterHolder(probe);
    probeHolder.setAsyncSupported(true);
    FilterHolder wrapHolder = new FilterHolder(wrap);
    wrapHolder.setAsyncSupported(true);
    context.addFilter(probeHolder, "/comments/*", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(wrapHolder, "/wrapped/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
    Http http = new Http(java.net.URI.create("http://127.0.0.1:" + port + "/blog/comments"));
    for (String text : List.of("first", "second, with enough text that its gzip is smaller than the JSON itself")) {
      assertThat(http.json("POST", "/api/comments", "{\"thread\":\"posts/hello\",\"text\":\"" + text
          + "\",\"name\":\"Ada\"}").status()).isEqualTo(201);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (comments != null) {
      comments.close();
    }
  }

  @Test
  @DisplayName("a cached thread: Jetty's own header path sends the same lines as addHeader behind a wrapper")
  void cachedThread_directAndWrapped_sameHeaderLines() throws IOException {
    Raw wrapped = get("/blog/wrapped/api/thread?thread=posts/hello");
    Raw direct = get("/blog/comments/api/thread?thread=posts/hello");
    Raw again = get("/blog/comments/api/thread?thread=posts/hello"); // the block's form made once, used again

    assertThat(direct.status()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(direct.lines()).isEqualTo(wrapped.lines()).isEqualTo(again.lines());
    assertThat(direct.lines()).contains("Content-Type: application/json", "Cache-Control: no-cache",
        "Vary: Origin, Accept-Encoding", "X-Content-Type-Options: nosniff",
        "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        "Cross-Origin-Resource-Policy: same-site", "Content-Length: " + direct.body().length);
    assertThat(direct.header("ETag")).matches("\"[A-Za-z0-9_-]+\"");
    assertThat(new String(direct.body(), StandardCharsets.UTF_8)).contains("second, with enough text");
    assertThat(direct.body()).isEqualTo(wrapped.body());
    // the direct mount went through Jetty's fields, the wrapped one through the wrapper's addHeader
    assertThat(directFieldClasses).isNotEmpty().allMatch(PreEncodedHttpField.class.getName()::equals);
    assertThat(wrapperSaw).contains("ETag", "Cache-Control", "Vary", "Content-Security-Policy", "Content-Length");
  }

  @Test
  @DisplayName("the gzipped variant and a 304: the same lines on both paths, and the right length")
  void gzipAndNotModified_directAndWrapped_sameHeaderLines() throws IOException {
    Raw gz = get("/blog/comments/api/thread?thread=posts/hello", "Accept-Encoding: gzip");
    Raw gzWrapped = get("/blog/wrapped/api/thread?thread=posts/hello", "Accept-Encoding: gzip");
    assertThat(gz.lines()).isEqualTo(gzWrapped.lines()).contains("Content-Encoding: gzip",
        "Content-Length: " + gz.body().length);
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("second, with enough text");
    }

    Raw plain = get("/blog/comments/api/thread?thread=posts/hello");
    String etag = plain.header("ETag");
    Raw notModified = get("/blog/comments/api/thread?thread=posts/hello", "If-None-Match: " + etag);
    Raw notModifiedWrapped = get("/blog/wrapped/api/thread?thread=posts/hello", "If-None-Match: " + etag);
    assertThat(notModified.status()).isEqualTo("HTTP/1.1 304 Not Modified");
    assertThat(notModified.lines()).isEqualTo(notModifiedWrapped.lines()).contains("ETag: " + etag);
    assertThat(notModified.body()).isEmpty();

    // HEAD: the same lines as GET (with GET's length), no body, on both paths
    Raw head = send("HEAD", "/blog/comments/api/thread?thread=posts/hello");
    Raw headWrapped = send("HEAD", "/blog/wrapped/api/thread?thread=posts/hello");
    assertThat(head.lines()).isEqualTo(headWrapped.lines()).isEqualTo(plain.lines());
    assertThat(head.body()).isEmpty();

    // a request after a 304 on the same block still gets the full JSON with its own length
    Raw after = get("/blog/comments/api/thread?thread=posts/hello");
    assertThat(after.lines()).isEqualTo(plain.lines());
    assertThat(after.body()).isEqualTo(plain.body());
  }

  /** A response as it came over the wire: its status line, its header lines in order without Date, its body. */
  private record Raw(String status, List<String> lines, byte[] body) {
    String header(String name) {
      for (String l : lines) {
        if (l.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          return l.substring(name.length() + 1).trim();
        }
      }
      return null;
    }
  }

  /** One HTTP/1.1 request on its own connection ({@code Connection: close}), read to the end. */
  private Raw get(String target, String... headers) throws IOException {
    return send("GET", target, headers);
  }

  private Raw send(String method, String target, String... headers) throws IOException {
    Map<String, String> named = new LinkedHashMap<>();
    for (String h : headers) {
      int colon = h.indexOf(':');
      named.put(h.substring(0, colon), h.substring(colon + 1).trim());
    }
    RawHttp.Reply r = new RawHttp(URI.create("http://127.0.0.1:" + port)).send(method, target, named, new byte[0]);
    List<String> lines = new ArrayList<>(r.lines());
    lines.removeIf(l -> l.startsWith("Date:"));
    return new Raw(r.statusLine(), lines, r.body());
  }
}
