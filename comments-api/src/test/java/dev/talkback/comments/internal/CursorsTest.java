package dev.talkback.comments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.spi.Keyset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorsTest {
  private final Keyset keyset = new Keyset(7, Instant.parse("2026-03-04T05:06:07.123456Z"), Fixtures.id(42));

  @Test
  void decode_roundTripsEncode() {
    for (CommentSort s : CommentSort.values()) {
      assertThat(Cursors.decode(s, Cursors.encode(s, keyset))).isEqualTo(keyset);
    }
  }

  @Test
  void encode_isUrlSafe() {
    assertThat(Cursors.encode(CommentSort.TOP, keyset)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void decode_otherSortIsRefusedOnTheCursorField() {
    String cursor = Cursors.encode(CommentSort.NEWEST, keyset);
    assertThatThrownBy(() -> Cursors.decode(CommentSort.OLDEST, cursor))
        .isInstanceOfSatisfying(CommentValidationException.class, e -> {
          assertThat(e.violations()).extracting(CommentValidationException.Violation::field).containsExactly("cursor");
          assertThat(e.getMessage()).contains("sort");
        });
  }

  @Test
  void decode_garbageIsRefusedWithAClearMessage() {
    for (String bad : new String[] {"", "x", "!!!", "MXwwfDB8MHww", "a".repeat(500)}) {
      assertThatThrownBy(() -> Cursors.decode(CommentSort.OLDEST, bad))
          .isInstanceOf(CommentValidationException.class)
          .hasMessageContaining("cursor");
    }
  }

  @Test
  void encode_namesTheSortNotItsOrdinal() {
    String raw = new String(Base64.getUrlDecoder().decode(Cursors.encode(CommentSort.TOP, keyset)),
        StandardCharsets.US_ASCII);
    assertThat(raw).contains("|TOP|");
  }

  @Test
  void decode_wellShapedButForgedPartsAreRefusedOnTheCursorField() {
    for (String raw : new String[] {"2|OLDEST|x|1|2|" + keyset.id(), "2|OLDEST|0|1|2|not-a-uuid",
        "2|OLDEST|0|99999999999999999|0|" + keyset.id(), "1|0|0|1|2|" + keyset.id(), "2|NOPE|0|1|2|" + keyset.id()}) {
      String forged = Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> Cursors.decode(CommentSort.OLDEST, forged))
          .isInstanceOfSatisfying(CommentValidationException.class, e -> assertThat(e.violations())
              .extracting(CommentValidationException.Violation::field).containsExactly("cursor"));
    }
  }
}
