package dev.talkback.comments;

/** The thread no longer takes comments. HTTP 403. */
public class ThreadClosedException extends CommentsException {
  private static final long serialVersionUID = 1L;

  public ThreadClosedException(ThreadKey thread) {
    super("thread_closed", "comments on '" + thread + "' are closed", null);
  }
}
