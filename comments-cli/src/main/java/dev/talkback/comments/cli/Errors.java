package dev.talkback.comments.cli;

import dev.talkback.comments.CommentsException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Turns a failure into one line a person can act on. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    Throwable t = e;
    if (t instanceof UncheckedIOException && t.getCause() != null) {
      Throwable cause = t.getCause();
      if (cause instanceof NoSuchFileException) {
        return "no such file: " + cause.getMessage();
      }
      return t.getMessage() + ": " + cause;
    }
    if (t instanceof CommentsException) {
      Throwable cause = t.getCause();
      String message = t.getMessage();
      if (cause != null && cause.getMessage() != null && !(cause instanceof CommentsException)
          && "store_unavailable".equals(((CommentsException) t).code())) {
        message += " (" + cause.getMessage() + ")";
      }
      return message;
    }
    return t.toString();
  }
}
