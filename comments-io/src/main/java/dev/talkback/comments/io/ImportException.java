package dev.talkback.comments.io;

import dev.talkback.comments.CommentsException;
import org.jspecify.annotations.Nullable;

/**
 * A file could not be imported: it is malformed or truncated, in another format than the one named, has
 * a DTD, or a record lacks what it needs. The message names the position. Nothing of the file was stored:
 * an import reads and checks the whole file before it stores anything.
 */
public class ImportException extends CommentsException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final long column;

  /**
   * @param line the line the error was found at (1-based), or 0 if unknown
   * @param column the column (1-based), or 0 if unknown
   * @param message what is wrong
   * @param cause the parser's exception, or null
   */
  public ImportException(long line, long column, String message, @Nullable Throwable cause) {
    super("import_failed", position(line, column) + message, cause);
    this.line = line;
    this.column = column;
  }

  /**
   * The line the error was found at (1-based), or 0 if unknown.
   *
   * @return the line the error was found at (1-based), or 0 if unknown
   */
  public long line() {
    return line;
  }

  /**
   * The column the error was found at (1-based), or 0 if unknown.
   *
   * @return the column the error was found at (1-based), or 0 if unknown
   */
  public long column() {
    return column;
  }

  private static String position(long line, long column) {
    if (line <= 0) {
      return "";
    }
    return "line " + line + (column > 0 ? ", column " + column : "") + ": ";
  }
}
