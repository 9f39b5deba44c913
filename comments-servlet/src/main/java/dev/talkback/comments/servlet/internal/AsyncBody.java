package dev.talkback.comments.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body with Servlet async I/O, so a client that sends its body slowly holds no container
 * thread while it does: the container calls back when bytes arrive, and the request is handled only once
 * the whole body is in memory. Two bounds: the body's size ({@code maxBytes}; more is answered 413 at once)
 * and the time the whole body may take ({@code timeout}, from the start of the request; then 408). Either
 * way the connection is closed, since the rest of the body is never read.
 *
 * <p>One instance per request. The container may call the read and timeout callbacks on different threads;
 * the first to finish the request wins and the others do nothing.
 */
public final class AsyncBody implements ReadListener, AsyncListener {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncBody.class);

  /** What happens once the body is read, or reading it failed. */
  public interface Handler {
    /**
     * The whole body has arrived: handle the request and write the response (on the calling thread).
     *
     * @param body the body, at most {@code maxBytes}
     * @throws IOException if writing the response fails
     */
    void body(byte[] body) throws IOException;

    /**
     * Reading failed: write this problem response (already a complete response, status and body).
     *
     * @param problem 408, 413 or 400, saying what to fix
     * @throws IOException if writing the response fails
     */
    void failed(Response problem) throws IOException;
  }

  private final AsyncContext async;
  private final ServletInputStream in;
  private final int maxBytes;
  private final long deadlineNanos;
  private final Duration timeout;
  private final Handler handler;
  private final ByteArrayOutputStream body;
  private final byte[] buffer = new byte[8192];
  private final AtomicBoolean finished = new AtomicBoolean();

  private AsyncBody(AsyncContext async, ServletInputStream in, int maxBytes, Duration timeout, int expected,
      Handler handler) {
    this.async = async;
    this.in = in;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    this.handler = handler;
    this.body = new ByteArrayOutputStream(Math.max(64, Math.min(expected, maxBytes)));
  }

  /**
   * Whether this request has a body worth reading asynchronously: a body is announced, the container can
   * do async I/O here, and the declared length (if any) is within {@code maxBytes} (a larger one is answered
   * 413 from the header alone, without reading).
   *
   * @param req the request
   * @param maxBytes the largest body accepted
   * @return {@code true} to read the body with {@link #read}
   */
  public static boolean wanted(HttpServletRequest req, int maxBytes) {
    long declared = req.getContentLengthLong();
    boolean announced = declared > 0 || (declared < 0 && req.getHeader("Transfer-Encoding") != null);
    return announced && declared <= maxBytes && req.getDispatcherType() == DispatcherType.REQUEST
        && req.isAsyncSupported();
  }

  /**
   * Starts reading the body; returns at once. {@code handler} is called exactly once, on a container thread.
   *
   * @param req the request, {@linkplain #wanted wanted}
   * @param resp its response
   * @param maxBytes the largest body accepted
   * @param timeout the longest the whole body may take to arrive
   * @param handler what to do with the body, or with the failure
   * @throws IOException if the container refuses to start reading
   */
  public static void read(HttpServletRequest req, HttpServletResponse resp, int maxBytes, Duration timeout,
      Handler handler) throws IOException {
    AsyncContext async = req.startAsync(req, resp);
    async.setTimeout(Math.max(1, timeout.toMillis()));
    long declared = req.getContentLengthLong();
    AsyncBody reader = new AsyncBody(async, req.getInputStream(), maxBytes, timeout,
        declared > 0 ? (int) declared : 8192, handler);
    async.addListener(reader);
    reader.in.setReadListener(reader);
  }

  @Override
  public void onDataAvailable() throws IOException {
    while (!finished.get() && in.isReady()) {
      int n = in.read(buffer);
      if (n < 0) {
        return; // onAllDataRead follows
      }
      if (body.size() + n > maxBytes) {
        fail(Bodies.tooLarge(maxBytes));
        return;
      }
      body.write(buffer, 0, n);
      if (System.nanoTime() - deadlineNanos > 0) {
        fail(slow());
        return;
      }
    }
  }

  @Override
  public void onAllDataRead() throws IOException {
    if (finished.compareAndSet(false, true)) {
      try {
        handler.body(body.toByteArray());
      } finally {
        async.complete();
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    LOG.debug("reading a request body failed", t);
    fail(new HttpProblem(400, "bad_request", "Bad request",
        "the request body could not be read completely; send it again"));
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    fail(slow());
  }

  @Override
  public void onComplete(AsyncEvent event) {
    // nothing to release
  }

  @Override
  public void onError(AsyncEvent event) {
    Throwable t = event.getThrowable();
    onError(t == null ? new IOException("async error") : t);
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // not restarted
  }

  private HttpProblem slow() {
    return new HttpProblem(408, "request_timeout", "Request timeout", "the request body did not arrive within "
        + Problems.seconds(timeout) + " seconds; send it again, all at once");
  }

  /** Answers the problem and closes the connection, unless the request was finished already. */
  private void fail(HttpProblem problem) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    try {
      handler.failed(Problems.of(problem).header("Connection", "close"));
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not answer {} to a client whose body failed", problem.status(), e);
    } finally {
      try {
        async.complete();
      } catch (IllegalStateException e) {
        LOG.debug("the request was completed already", e);
      }
    }
  }
}
