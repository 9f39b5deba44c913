package dev.talkback.comments.io.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Derives comment ids from (source, original id): a name-based UUID (version 3) of
 * {@code "talkback-import\0<site>\0<source>\0<original id>"}, so importing the same record into the same
 * site always gives the same id, and two sites or two sources never share one.
 */
public final class Ids {
  /**
   * One MD5 per thread: {@code UUID.nameUUIDFromBytes} looks the algorithm up in the security providers on
   * every call, which was a third of the digest's cost on the parser's thread.
   */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  });

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
    return new CommentId(nameUuid(name.getBytes(StandardCharsets.UTF_8)));
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
    return new CommentId(nameUuid(name.getBytes(StandardCharsets.UTF_8)));
  }

  /** What {@link UUID#nameUUIDFromBytes} gives (version 3, IETF variant), with this thread's digest. */
  static UUID nameUuid(byte[] name) {
    byte[] md5 = MD5.get().digest(name); // digest() resets it for the next call
    md5[6] &= 0x0f;
    md5[6] |= 0x30;
    md5[8] &= 0x3f;
    md5[8] |= (byte) 0x80;
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (md5[i] & 0xff);
    }
    for (int i = 8; i < 16; i++) {
      lsb = (lsb << 8) | (md5[i] & 0xff);
    }
    return new UUID(msb, lsb);
  }
}
