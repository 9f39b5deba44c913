package dev.talkback.comments.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.spi.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Encodes keysets as opaque, URL-safe page cursors, and decodes them with a clear error when forged. */
public final class Cursors {
  private static final String VERSION = "1";

  private Cursors() {}

  /** The cursor that continues after {@code keyset} in {@code sort} order. */
  public static String encode(CommentSort sort, Keyset keyset) {
    String raw = VERSION + '|' + sort.ordinal() + '|' + keyset.score() + '|' + keyset.created().getEpochSecond()
        + '|' + keyset.created().getNano() + '|' + keyset.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Decodes a cursor issued by {@link #encode} for the same sort order.
   *
   * @throws CommentValidationException on field {@code cursor} if it is not such a cursor
   */
  public static Keyset decode(CommentSort sort, String cursor) {
    try {
      if (cursor.length() > 200) {
        throw new IllegalArgumentException("too long");
      }
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] p = raw.split("\\|", -1);
      if (p.length != 6 || !VERSION.equals(p[0])) {
        throw new IllegalArgumentException("shape");
      }
      if (Integer.parseInt(p[1]) != sort.ordinal()) {
        throw CommentValidationException.of("cursor",
            "belongs to another sort order; start again from the first page of sort " + sort.name().toLowerCase());
      }
      Instant created = Instant.ofEpochSecond(Long.parseLong(p[3]), Integer.parseInt(p[4]));
      return new Keyset(Long.parseLong(p[2]), created, new CommentId(UUID.fromString(p[5])));
    } catch (CommentValidationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw CommentValidationException.of("cursor",
          "is not a cursor this server issued; use the nextCursor of the previous page, or none for the first");
    }
  }
}
