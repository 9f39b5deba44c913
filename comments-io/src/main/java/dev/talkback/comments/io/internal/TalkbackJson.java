package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;

/** The names of Talkback's JSON-lines format, shared by its reader and writer. */
final class TalkbackJson {
  /** The value of the header's {@code "talkback"} field. */
  static final String MAGIC = "comments";
  /** The format version this code writes and reads. */
  static final int VERSION = 1;

  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private TalkbackJson() {}
}
