package dev.talkback.comments.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Derived ids must never change between versions: a re-import relies on them to store nothing twice. */
class IdsTest {

  @Property(tries = 500)
  void nameUuid_isTheJdksNameUuid(@ForAll byte[] name) {
    assertThat(Ids.nameUuid(name)).isEqualTo(UUID.nameUUIDFromBytes(name));
  }

  @Test
  void derive_isStableAcrossVersions() {
    // the id 0.1.0 gave this record (UUID.nameUUIDFromBytes of the same name)
    CommentId id = Ids.derive(SiteId.DEFAULT, "disqus", "12345");
    assertThat(id.value()).isEqualTo(UUID.nameUUIDFromBytes(
        ("talkback-import\0default\0disqus\0" + "12345").getBytes(StandardCharsets.UTF_8)));
    assertThat(Ids.scoped(id, "t1").value()).isEqualTo(UUID.nameUUIDFromBytes(
        ("talkback-import-scoped\0" + id.value() + "\0t1").getBytes(StandardCharsets.UTF_8)));
  }
}
