package dev.talkback.comments.io;

import java.util.Objects;

/**
 * Something an import did not take as it stands but that did not stop it: a reply whose parent is missing
 * (imported top-level), a comment whose text sanitizes to nothing, a post of an unknown thread (skipped).
 *
 * @param line the line of the record in the file (1-based), or 0 if unknown
 * @param column the column (1-based), or 0 if unknown
 * @param recordId the record's id in its source, or empty
 * @param message what was wrong and what the importer did about it
 */
public record ImportProblem(long line, long column, String recordId, String message) {
  /**
   * Checks the arguments.
   *
   * @param line the line (1-based), or 0
   * @param column the column (1-based), or 0
   * @param recordId the record's id in its source, or empty
   * @param message what is wrong
   */
  public ImportProblem {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return "line " + line + (column > 0 ? ", column " + column : "")
        + (recordId.isEmpty() ? "" : " (" + recordId + ")") + ": " + message;
  }
}
