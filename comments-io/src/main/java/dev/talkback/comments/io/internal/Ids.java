package dev.talkback.comments.io.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Derives comment ids from (source, original id): a name-based UUID (version 3) of
 * {@code "talkback-import\0<site>\0<source>\0<original id>"}, so importing the same record into the same
 * site always gives the same id, and two sites or two sources never share one.
 */
public final class Ids {
  private Ids() {}

  /**
   * The id of a record.
   *
   * @param site the site
   * @param source the source text
   * @param originalId the id in the source
   * @return the id of a record
   */
  public static CommentId derive(SiteId site, String source, String originalId) {
    String name = "talkback-import\0" + site.value() + "\0" + source + "\0" + originalId;
    return new CommentId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The id of a record whose derived id the file repeats in another thread: {@code id} scoped by that
   * thread's stable identity, a name-based UUID of {@code "talkback-import-scoped\0<id>\0<identity>"}.
   *
   * @param id the record's derived id
   * @param threadIdentity the stable identity of the record's thread in its source
   * @return the scoped id, the same on every import of the same file
   */
  public static CommentId scoped(CommentId id, String threadIdentity) {
    String name = "talkback-import-scoped\0" + id.value() + "\0" + threadIdentity;
    return new CommentId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
  }
}
