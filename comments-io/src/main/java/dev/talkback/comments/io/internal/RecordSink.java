package dev.talkback.comments.io.internal;

import dev.talkback.comments.io.ImportProblem;

/** Where a parser puts what it reads. */
public interface RecordSink {
  /**
   * A thread; a later one with the same ref replaces it.
   *
   * @param thread the thread
   */
  void thread(SourceThread thread);

  /**
   * A comment.
   *
   * @param record the record
   */
  void comment(ImportRecord record);

  /**
   * A record the source holds that is not imported, for the reason the problem gives; counted as skipped.
   *
   * @param problem why the record is not imported
   */
  void skipped(ImportProblem problem);

  /**
   * Something that does not stop the import.
   *
   * @param problem the problem
   */
  void problem(ImportProblem problem);
}
