package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.WebXmlHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;

@DisplayName("CommentsServlet from init parameters in Tomcat 10.1, with a MemoryRealm and BASIC login")
class TomcatWebXmlTest extends WebXmlContract {
  @Override
  WebXmlHost host(Path webRoot) {
    return WebXmlHost.tomcat(webRoot, false);
  }

  /**
   * Tomcat's default keeps the web application running without the servlet: it logs the error once and
   * answers 404 (permanently unavailable, as the Servlet specification says) without calling {@code init()}
   * again. With {@code failCtxIfServletStartFails} the web
   * application itself does not start.
   */
  @Override
  void assertConfigurationError(Map<String, String> params, String message) throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      Http http = start(params);
      assertThat(host.contextRunning()).isTrue();
      assertThat(http.get("/api/thread?thread=t").status()).isEqualTo(404);
      assertThat(http.get("/api/thread?thread=t").status()).isEqualTo(404);
      List<String> logged = records.stream().filter(r -> r.getThrown() != null)
          .map(r -> JettyWebXmlTest.stackTrace(r.getThrown())).filter(t -> t.contains(message)).toList();
      assertThat(logged).as("logged once, not once per request").hasSize(1);
      assertThat(logged.get(0)).contains("UnavailableException").doesNotContain("hunter2").doesNotContain("unreachable");
    } finally {
      root.removeHandler(capture);
    }
    host.close();

    host = WebXmlHost.tomcat(tmp.resolve("webapp"), true);
    host.start(params);
    assertThat(host.contextRunning()).as("failCtxIfServletStartFails=true: the web application does not start")
        .isFalse();
  }
}
