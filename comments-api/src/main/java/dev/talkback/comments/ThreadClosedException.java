package dev.talkback.comments;

/** The thread no longer takes comments. HTTP 403. */
public class ThreadClosedException extends CommentsException {
  private static final long serialVersionUID = 2L;

  private final String thread;

  /**
   * An exception for a post to a closed thread.
   *
   * @param thread the closed thread
   */
  public ThreadClosedException(ThreadKey thread) {
    super("thread_closed", "comments on '" + thread + "' are closed", null);
    this.thread = thread.value();
  }

  /**
   * The thread that is closed.
   *
   * @return its key
   */
  public ThreadKey thread() {
    return ThreadKey.of(thread);
  }
}
