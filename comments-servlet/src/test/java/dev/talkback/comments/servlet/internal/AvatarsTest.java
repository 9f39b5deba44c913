package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.SiteId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AvatarsTest {
  private static final Secrets SECRET = new Secrets("avatar-test-secret-0123".getBytes(StandardCharsets.UTF_8));
  private final Avatars avatars = new Avatars(SECRET, id -> id.equals("u1") ? Optional.of("https://cdn.example/u1.png")
      : id.equals("evil") ? Optional.of("javascript:alert(1)") : Optional.empty());

  @Test
  void url_isAKeyedHashThatRevealsNothing() {
    String url = avatars.url(SiteId.DEFAULT, new Author("Ada", "ada@example.org", null, null));
    assertThat(url).matches("avatar/[0-9a-f]{20}\\.svg").doesNotContain("ada");
    // not a plain (unkeyed) hash either: another secret gives another key for the same author
    String other = new Avatars(new Secrets("another-secret-012345".getBytes(StandardCharsets.UTF_8)), id -> Optional.empty())
        .url(SiteId.DEFAULT, new Author("Ada", "ada@example.org", null, null));
    assertThat(other).isNotEqualTo(url);
  }

  @Test
  void url_sameAuthorSameAvatar_otherSiteOrAuthorAnother() {
    Author ada = new Author("Ada", "Ada@Example.org ", null, null);
    String a = avatars.url(SiteId.DEFAULT, ada);
    assertThat(avatars.url(SiteId.DEFAULT, new Author("Ada L.", "ada@example.org", null, null))).as("same email").isEqualTo(a);
    assertThat(avatars.url(SiteId.of("other"), ada)).as("other site").isNotEqualTo(a);
    assertThat(avatars.url(SiteId.DEFAULT, new Author("Grace", "grace@example.org", null, null))).isNotEqualTo(a);
  }

  @Test
  void url_hostImageForMembers_onlyHttp() {
    assertThat(avatars.url(SiteId.DEFAULT, new Author("Ada", null, null, "u1"))).isEqualTo("https://cdn.example/u1.png");
    assertThat(avatars.url(SiteId.DEFAULT, new Author("Eve", null, null, "evil"))).startsWith("avatar/");
    assertThat(avatars.url(SiteId.DEFAULT, new Author("Bo", null, null, "u2"))).startsWith("avatar/");
  }

  @Test
  void url_aFailingHostResolverFallsBackToTheIdenticon() {
    Avatars failing = new Avatars(SECRET, id -> {
      throw new IllegalStateException("host bug");
    });
    assertThat(failing.url(SiteId.DEFAULT, new Author("Ada", null, null, "u1"))).startsWith("avatar/");
  }

  @Test
  void svg_isCacheableAndInert() {
    Response r = Avatars.svg("0123456789abcdef0123.svg");
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("image/svg+xml");
    assertThat(r.header("Cache-Control")).contains("immutable");
    assertThat(body).startsWith("<svg").doesNotContain("<script").doesNotContain("href");
    assertThat(Avatars.svg("0123456789abcdef0123.svg").body()).isEqualTo(r.body());
    assertThat(new String(Avatars.svg("ffffffffff0000000000.svg").body(), StandardCharsets.UTF_8)).isNotEqualTo(body);
  }

  @Test
  void svg_badNames_404() {
    assertThatThrownBy(() -> Avatars.svg("../etc/passwd")).isInstanceOf(HttpProblem.class);
    assertThatThrownBy(() -> Avatars.svg("0123456789ABCDEF0123.svg")).isInstanceOf(HttpProblem.class);
  }
}
