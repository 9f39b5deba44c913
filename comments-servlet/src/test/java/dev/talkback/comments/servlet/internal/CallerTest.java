package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.Identity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The per-request caller context. */
class CallerTest {
  private final Secrets secrets = new Secrets("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private final AtomicInteger resolved = new AtomicInteger();
  private final AtomicInteger authorized = new AtomicInteger();

  private Caller caller(@Nullable String query, boolean failing) {
    Request base = new CommentsHandlerTest.TestRequest("GET", "/api/session", query,
        Map.of("Origin", "https://blog.example"), new byte[0]);
    return new Caller(new Request() {
      @Override public String method() { return base.method(); }
      @Override public String path() { return base.path(); }
      @Override public String mountPath() { return base.mountPath(); }
      @Override public @Nullable String queryString() { return base.queryString(); }
      @Override public @Nullable String header(String name) { return base.header(name); }
      @Override public @Nullable String cookie(String name) { return null; }
      @Override public String remoteAddress() { return base.remoteAddress(); }
      @Override public boolean secure() { return false; }
      @Override public InputStream body() { return base.body(); }

      @Override
      public Optional<Identity> identity() {
        resolved.incrementAndGet();
        if (failing) {
          throw new IllegalStateException("the host's session store is down");
        }
        return Optional.of(Identity.of("u1", "Ada"));
      }

      @Override
      public boolean mayModerate(SiteId site) {
        authorized.incrementAndGet();
        if (failing) {
          throw new IllegalStateException("the host's role store is down");
        }
        return site.value().equals("blog");
      }
    }, SiteId.DEFAULT, secrets);
  }

  @Test
  void identity_isResolvedOnce() {
    Caller c = caller("site=blog", false);
    assertThat(c.identity()).map(Identity::name).contains("Ada");
    assertThat(c.likeKey()).isEqualTo("user:u1");
    assertThat(c.moderator()).isTrue();
    assertThat(c.moderator()).isTrue();
    assertThat(resolved).hasValue(1);
    assertThat(authorized).hasValue(1);
  }

  @Test
  void identity_resolverThrows_isAnonymousAndNoModerator() {
    Caller c = caller("site=blog", true);
    assertThat(c.identity()).isEmpty();
    assertThat(c.moderator()).isFalse();
    assertThat(c.likeKey()).isEqualTo("ip:" + secrets.ipHash("192.0.2.1"));
  }

  @Test
  void site_absent_isTheDefault_andInvalid_isA422() {
    assertThat(caller(null, false).site()).isEqualTo(SiteId.DEFAULT);
    assertThatThrownBy(() -> caller("site=../etc", false).site()).isInstanceOfSatisfying(HttpProblem.class,
        p -> assertThat(p.status()).isEqualTo(422));
  }

  @Test
  void clientKey_isTheKeyedAddressHash_andOriginIsTheHeader() {
    Caller c = caller(null, false);
    assertThat(c.clientKey()).isEqualTo(secrets.ipHash("192.0.2.1")).hasSize(32);
    assertThat(c.origin()).isEqualTo("https://blog.example");
  }
}
