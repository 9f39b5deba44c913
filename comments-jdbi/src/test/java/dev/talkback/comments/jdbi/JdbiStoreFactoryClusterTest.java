package dev.talkback.comments.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.spi.CommentStore;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code talkback.cluster} of {@link JdbiStoreFactory}, on H2: off by default, refused when misspelled or not PostgreSQL. */
class JdbiStoreFactoryClusterTest {
  private final JdbiStoreFactory factory = new JdbiStoreFactory();
  private final String url = "jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void clusterUnsetOrOff_noBusAndNoSharedLimits() {
    for (Map<String, String> settings : java.util.List.of(Map.of(JdbiStoreFactory.JDBC_URL, url),
        Map.of(JdbiStoreFactory.JDBC_URL, url, JdbiStoreFactory.CLUSTER, "off"))) {
      CommentStore store = factory.create(settings);
      assertThat(factory.invalidationBus(store, settings)).isEmpty();
      assertThat(factory.rateLimitStore(store, settings)).isEmpty();
    }
  }

  @Test
  void clusterMisspelled_refusedAtCreate() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, url, JdbiStoreFactory.CLUSTER, "yes")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talkback.cluster must be off or postgres");
  }

  @Test
  void clusterPostgres_onH2_saysPostgresqlIsNeeded_butSharesTheLimits() {
    Map<String, String> settings = Map.of(JdbiStoreFactory.JDBC_URL, url, JdbiStoreFactory.CLUSTER, "postgres");
    CommentStore store = factory.create(settings);
    assertThatThrownBy(() -> factory.invalidationBus(store, settings)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs PostgreSQL").hasMessageContaining("H2");
    assertThat(factory.rateLimitStore(store, settings)).containsSame(((JdbiCommentStore) store).rateLimits());
  }
}
