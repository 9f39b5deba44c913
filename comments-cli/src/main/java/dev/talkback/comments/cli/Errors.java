package dev.talkback.comments.cli;

import dev.talkback.comments.CommentsException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Turns a failure into one line a person can act on. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof UncheckedIOException u) {
      Throwable cause = u.getCause();
      if (cause instanceof NoSuchFileException) {
        return "no such file: " + cause.getMessage();
      }
      return u.getMessage() + ": " + cause;
    }
    if (e instanceof CommentsException c) {
      Throwable cause = c.getCause();
      String message = String.valueOf(c.getMessage());
      if (cause != null && cause.getMessage() != null && !(cause instanceof CommentsException)
          && "store_unavailable".equals(c.code())) {
        message += " (" + cause.getMessage() + ")";
      }
      return message;
    }
    if (e instanceof IllegalArgumentException) {
      // the commands' own checks, and the library's refusals of a value (a --map rule, a URL): written for people
      return String.valueOf(e.getMessage());
    }
    return e.toString();
  }
}
