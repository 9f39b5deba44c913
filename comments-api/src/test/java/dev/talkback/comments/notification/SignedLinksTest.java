package dev.talkback.comments.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.SiteId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed links: what a tamperer tries is refused. */
class SignedLinksTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final SignedLinks links = SignedLinks.create(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void sign_verify_roundTrip_withoutAnAddress() {
    LinkToken t = links.token(LinkToken.Action.APPROVE, SiteId.DEFAULT, "c0ffee00-0000-4000-8000-000000000000",
        NOW.plusSeconds(60));
    String signed = links.sign(t);
    assertThat(links.verify(signed)).contains(t);
    assertThat(new String(Base64.getUrlDecoder().decode(signed.substring(0, signed.indexOf('.'))),
        StandardCharsets.UTF_8)).doesNotContain("@");
  }

  @Test
  void verify_changedSubject_orAction_isRefused() {
    String signed = links.sign(links.token(LinkToken.Action.CONFIRM, SiteId.DEFAULT, "sub-1", null));
    String payload = new String(Base64.getUrlDecoder().decode(signed.substring(0, signed.indexOf('.'))),
        StandardCharsets.UTF_8);
    for (String forged : new String[] {payload.replace("sub-1", "sub-2"), payload.replace("CONFIRM", "DELETE")}) {
      String attack = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
          + signed.substring(signed.indexOf('.'));
      assertThat(links.verify(attack)).isEmpty();
    }
  }

  @Test
  void verify_otherSecret_garbage_expired_areRefused() {
    SignedLinks other = SignedLinks.create("another secret of thirty-two b!!".getBytes(StandardCharsets.US_ASCII),
        Clock.fixed(NOW, ZoneOffset.UTC));
    LinkToken t = links.token(LinkToken.Action.SPAM, SiteId.DEFAULT, "c1", NOW.plusSeconds(1));
    assertThat(other.verify(links.sign(t))).isEmpty();
    assertThat(links.verify("not.a-token")).isEmpty();
    assertThat(links.verify("")).isEmpty();
    assertThat(links.verify("x".repeat(10_000))).isEmpty();

    SignedLinks later = SignedLinks.create(SECRET, Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));
    assertThat(later.verify(links.sign(t))).isEmpty();
    assertThat(later.parse(links.sign(t))).contains(t);
    assertThat(later.expired(t)).isTrue();
  }

  @Test
  void create_shortSecret_isRefusedAtOnce() {
    assertThatThrownBy(() -> SignedLinks.create(new byte[31], Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
  }
}
