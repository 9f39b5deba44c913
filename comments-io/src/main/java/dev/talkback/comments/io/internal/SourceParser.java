package dev.talkback.comments.io.internal;

import dev.talkback.comments.io.ImportException;
import java.io.InputStream;

/** Reads one source format, streaming, into a {@link RecordSink}. */
public interface SourceParser {
  /**
   * Reads the whole stream.
   *
   * @param in the stream to read
   * @param sink where problems go
   * @throws ImportException if the file is malformed, truncated, of another format or has a DTD
   */
  void parse(InputStream in, RecordSink sink);
}
