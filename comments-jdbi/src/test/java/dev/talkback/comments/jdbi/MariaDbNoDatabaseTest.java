package dev.talkback.comments.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import org.junit.jupiter.api.Test;

/** A MariaDB URL that names no database: refused with what to write, not in Flyway's terms. */
@RequiresServer(Server.MARIADB)
class MariaDbNoDatabaseTest {
  @Test
  void aUrlWithoutADatabase_isRefusedWithWhatToWrite() {
    String url = Server.MARIADB.url();
    String bare = url.replaceFirst("^(jdbc:[a-z]+://[^/?]+)/[^?]*", "$1/");
    assertThat(bare).as("the configured URL without its database").isNotEqualTo(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(bare);
    config.setUsername(Server.MARIADB.user());
    config.setPassword(Server.MARIADB.password());
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      assertThatThrownBy(() -> JdbiCommentStore.builder(pool).build().initialize())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("names no database")
          .hasMessageContaining("jdbc:mariadb://host:3306/blog");
    }
  }
}
