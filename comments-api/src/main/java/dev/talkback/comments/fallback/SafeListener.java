package dev.talkback.comments.fallback;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.StoreMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a host's {@link FallbackListener}, logging and swallowing whatever it throws. */
final class SafeListener implements FallbackListener {
  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

  private final FallbackListener delegate;

  SafeListener(FallbackListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {
    run("modeChanged", () -> delegate.modeChanged(from, to, primary, reason));
  }

  @Override
  public void queued(CommentId id, long spoolDepth) {
    run("queued", () -> delegate.queued(id, spoolDepth));
  }

  @Override
  public void replayed(String database, long stored, long setAside) {
    run("replayed", () -> delegate.replayed(database, stored, setAside));
  }

  @Override
  public void probed(String database, Writability seen) {
    run("probed", () -> delegate.probed(database, seen));
  }

  @Override
  public void probeFailed(String database, String error) {
    run("probeFailed", () -> delegate.probeFailed(database, error));
  }

  private void run(String event, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("FallbackListener {} threw on {}; ignored", delegate, event, e);
    }
  }
}
