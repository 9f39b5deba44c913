package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.PostgresInvalidationBus;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.spring.internal.TalkbackConfigurationException;
import dev.talkback.comments.spring.internal.TalkbackFailureAnalyzer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code talkback.cluster.*} without PostgreSQL (H2): off by default, a clear error when on, the host's own bus. */
class TalkbackClusterTest {
  private static WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            TalkbackAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.flyway.enabled=false", "talkback.secret=0123456789abcdef-test");
  }

  @Test
  void clusterOff_byDefault_noBusAndNoSharedLimits() {
    web().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(InvalidationBus.class)
        .doesNotHaveBean(RateLimitStore.class));
  }

  @Test
  void clusterOn_notPostgres_failsWithWhatToDo() {
    web().withPropertyValues("talkback.cluster.enabled=true").run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis a = new TalkbackFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(a).isNotNull();
      assertThat(a.getCause()).isInstanceOf(TalkbackConfigurationException.class);
      assertThat(a.getDescription()).startsWith("Talkback: talkback.cluster.enabled=true needs PostgreSQL")
          .contains("H2");
      assertThat(a.getAction()).contains("InvalidationBus bean").contains("talkback.cluster.enabled=false");
    });
  }

  @Test
  void clusterOn_withTheHostsOwnBus_usesItAndTheSharedLimits() {
    web().withPropertyValues("talkback.cluster.enabled=true").withUserConfiguration(HostBusConfiguration.class).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(PostgresInvalidationBus.class)
          .hasSingleBean(RateLimitStore.class);
      assertThat(context.getBean(HostBus.class).subscribed.get()).as("Comments subscribed to the host's bus")
          .isPositive();
    });
  }

  /** An application's own bus bean. */
  @Configuration(proxyBeanMethods = false)
  static class HostBusConfiguration {
    @Bean
    HostBus hostBus() {
      return new HostBus();
    }
  }

  /** A bus that counts its subscribers. */
  static final class HostBus implements InvalidationBus {
    final AtomicInteger subscribed = new AtomicInteger();

    @Override
    public void publish(SiteId site, ThreadKey thread) {}

    @Override
    public void subscribe(BiConsumer<SiteId, ThreadKey> receiver) {
      subscribed.incrementAndGet();
    }
  }
}
