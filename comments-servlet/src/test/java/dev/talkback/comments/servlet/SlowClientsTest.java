package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.servlet.support.RawHttp;
import dev.talkback.comments.servlet.support.TomcatContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding 7 of issue 14: clients that send their bodies a byte at a time must not starve readers. More slow
 * posters than the container has threads (250; Jetty's and Tomcat's pools default to 200) dribble bytes while
 * a reader asks for a thread: the reader is answered while every slow body is still arriving (a liveness check
 * with a generous deadline, not a timing benchmark; docs/benchmarks.md has the numbers), and each slow client
 * then gets a 408 or a closed connection once the body deadline passes.
 */
class SlowClientsTest {
  private static final int SLOW_CLIENTS = 250;
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(8);

  static Stream<Arguments> containers() {
    return Stream.of(Arguments.of("Jetty 12", (Supplier<Container>) JettyContainer::new),
        Arguments.of("Tomcat 10.1", (Supplier<Container>) TomcatContainer::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void slowBodies_holdNoThreads_readersAreAnswered_andSlowClientsGet408(String name, Supplier<Container> kind)
      throws Exception {
    Comments comments = Comments.builder().store(new InMemoryCommentStore()).build();
    comments.post(NewComment.builder(ThreadKey.of("t")).author(Author.named("Ada")).text("cached").build());
    ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
    List<Socket> slow = new ArrayList<>();
    try (Container container = kind.get()) {
      URI base = container.start(CommentsServlet.builder(comments).bodyTimeout(BODY_TIMEOUT)
          .secret("slow-clients-secret-0123456".getBytes(StandardCharsets.UTF_8))
          .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited()).build());
      Http http = new Http(base);
      assertThat(http.get("/api/thread?thread=t").status()).isEqualTo(200); // warm: the page is cached

      long started = System.nanoTime();
      String head = "POST " + base.getPath() + "/api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"thread\":\"t\",\"text\":\"";
      for (int i = 0; i < SLOW_CLIENTS; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      // A byte every half second on every connection: never idle, never done. It stops shortly before the
      // deadline, so that no byte is sent to a connection the server has closed (which would reset it and
      // could discard the 408 before it is read).
      long stopDribbling = started + BODY_TIMEOUT.minusMillis(1500).toNanos();
      dribble.scheduleAtFixedRate(() -> {
        for (Socket s : slow) {
          if (System.nanoTime() - stopDribbling > 0) {
            return;
          }
          try {
            OutputStream out = s.getOutputStream();
            out.write('x');
            out.flush();
          } catch (IOException closedByServer) {
            // the server gave up on it: what it should do after the deadline
          }
        }
      }, 500, 500, TimeUnit.MILLISECONDS);

      // The reader: answered while all the slow bodies are still arriving.
      Http.Reply read = http.send(http.request("/api/thread?thread=t").timeout(BODY_TIMEOUT.dividedBy(2)).GET().build());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.body()).contains("cached");
      assertThat(elapsed).as("the reader was answered before any slow body reached its deadline")
          .isLessThan(BODY_TIMEOUT);

      // The slow clients: each answered 408 (or its connection closed) once the deadline has passed.
      int answered408 = 0;
      for (Socket s : slow) {
        s.setSoTimeout((int) BODY_TIMEOUT.plusSeconds(30).toMillis());
        InputStream in = s.getInputStream();
        try {
          RawHttp.Reply r = RawHttp.read(in);
          assertThat(r.status()).as(r.toString()).isEqualTo(408);
          assertThat(r.text()).contains("did not arrive within");
          answered408++;
        } catch (SocketTimeoutException e) {
          throw new AssertionError("a slow client was neither answered nor closed after the body deadline", e);
        } catch (IOException closed) {
          // reset or closed without an answer: also fine, the connection is gone
        }
      }
      assertThat(answered408).as("most slow clients are told why").isGreaterThan(SLOW_CLIENTS / 2);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(BODY_TIMEOUT.minusSeconds(1));
    } finally {
      dribble.shutdownNow();
      for (Socket s : slow) {
        s.close();
      }
      comments.close();
    }
  }
}
