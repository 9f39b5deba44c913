package dev.talkback.comments.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.spi.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Encodes keysets as opaque, URL-safe page cursors, and decodes them with a clear error when forged. A
 * cursor names its sort order ({@link CommentSort#name()}), never its ordinal, so reordering the enum
 * cannot make an old cursor continue in another order.
 */
public final class Cursors {
  private static final String VERSION = "2";
  /** The furthest second from 1970 a cursor may name: its microseconds, plus one, fit in a {@code long}. */
  private static final long MAX_EPOCH_SECOND = Long.MAX_VALUE / 1_000_000 - 1;

  private Cursors() {}

  /**
   * The cursor that continues after {@code keyset} in {@code sort} order.
   *
   * @param sort the order of the page
   * @param keyset where the page ended
   * @return an opaque, URL-safe cursor
   */
  public static String encode(CommentSort sort, Keyset keyset) {
    Instant created = keyset.created();
    String raw = VERSION + '|' + sort.name() + '|' + keyset.score() + '|' + created.getEpochSecond()
        + '|' + created.getNano() + '|' + keyset.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Decodes a cursor issued by {@link #encode} for the same sort order.
   *
   * @param sort the order the caller asks for
   * @param cursor the cursor the caller sent
   * @return where the next page starts
   * @throws CommentValidationException on field {@code cursor} if it is not such a cursor
   */
  public static Keyset decode(CommentSort sort, String cursor) {
    String[] p;
    try {
      if (cursor.length() > 200) {
        throw forged();
      }
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      p = raw.split("\\|", -1);
    } catch (IllegalArgumentException e) {
      throw forged();
    }
    if (p.length != 6 || !VERSION.equals(p[0])) {
      throw forged();
    }
    if (!sort.name().equals(p[1])) {
      throw CommentValidationException.of("cursor", "belongs to another sort order; start again from the first"
          + " page of sort " + sort.name().toLowerCase(Locale.ROOT));
    }
    try {
      long score = Long.parseLong(p[2]);
      long seconds = Long.parseLong(p[3]);
      int nanos = Integer.parseInt(p[4]);
      // Only what encode() can have written: likes are an int, nanoseconds within their second, and an
      // instant stores keep (microseconds since 1970 in 64 bits, with room for the next microsecond).
      if (score < 0 || score > Integer.MAX_VALUE || nanos < 0 || nanos > 999_999_999
          || seconds > MAX_EPOCH_SECOND || seconds < -MAX_EPOCH_SECOND || !p[5].equals(p[5].toLowerCase(Locale.ROOT))
          || p[5].length() != 36) {
        throw forged();
      }
      return new Keyset(score, Instant.ofEpochSecond(seconds, nanos), new CommentId(UUID.fromString(p[5])));
    } catch (RuntimeException e) { // a number, an instant or a UUID that does not parse
      throw forged();
    }
  }

  private static CommentValidationException forged() {
    return CommentValidationException.of("cursor",
        "is not a cursor this server issued; use the nextCursor of the previous page, or none for the first");
  }
}
