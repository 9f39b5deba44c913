package dev.talkback.comments.io.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One comment read from a source and checked, with its id already derived, waiting in the spool for its
 * thread to be stored. Its body is rendered and sanitized in the second pass, with its thread: until then
 * {@code source} is the text as the file has it and {@code html} is {@code null}.
 *
 * @param line where the record starts in the file
 * @param column where the record starts in the file
 * @param originalId the record's id in its source, for messages
 * @param threadRef the source's reference to the thread (see {@link SourceThread#ref()})
 */
public record ImportRecord(long line, long column, String originalId, String threadRef, CommentId id,
    @Nullable CommentId parentId, Author author, String source, Format format, @Nullable String html,
    CommentStatus status, Instant created, @Nullable Instant edited, int likes,
    @Nullable String editTokenHash, @Nullable String ipHash) {

  /**
   * This record with another parent (null: top-level).
   *
   * @param parent the new parent, or null for top-level
   * @return this record with another parent (null: top-level)
   */
  public ImportRecord withParent(@Nullable CommentId parent) {
    return new ImportRecord(line, column, originalId, threadRef, id, parent, author, source, format, html, status,
        created, edited, likes, editTokenHash, ipHash);
  }

  /**
   * This record with another id.
   *
   * @param newId the new id
   * @return this record with another id
   */
  public ImportRecord withId(CommentId newId) {
    return new ImportRecord(line, column, originalId, threadRef, newId, parentId, author, source, format, html,
        status, created, edited, likes, editTokenHash, ipHash);
  }

  /**
   * This record with its rendered body.
   *
   * @param newSource the normalized source
   * @param newHtml the sanitized HTML
   * @return this record with its rendered body
   */
  public ImportRecord withBody(String newSource, String newHtml) {
    return new ImportRecord(line, column, originalId, threadRef, id, parentId, author, newSource, format, newHtml,
        status, created, edited, likes, editTokenHash, ipHash);
  }

  /**
   * This record with another status.
   *
   * @param newStatus the new status
   * @return this record with another status
   */
  public ImportRecord withStatus(CommentStatus newStatus) {
    return new ImportRecord(line, column, originalId, threadRef, id, parentId, author, source, format, html,
        newStatus, created, edited, likes, editTokenHash, ipHash);
  }
}
