package dev.talkback.comments.spring;

import dev.talkback.comments.Comments;
import dev.talkback.comments.CommentsBuilder;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FallbackListener;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.PostgresInvalidationBus;
import dev.talkback.comments.memory.InMemoryBlockStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.IdentityResolver;
import dev.talkback.comments.servlet.ModeratorAuthorizer;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.spi.SpamCheck;
import dev.talkback.comments.spring.internal.Boot3HealthIndicator;
import dev.talkback.comments.spring.internal.Boot4HealthIndicator;
import dev.talkback.comments.spring.internal.Clusters;
import dev.talkback.comments.spring.internal.Listeners;
import dev.talkback.comments.spring.internal.NotificationsCondition;
import dev.talkback.comments.spring.internal.Replicas;
import dev.talkback.comments.spring.internal.SecurityIdentities;
import dev.talkback.comments.spring.internal.RouteNames;
import dev.talkback.comments.spring.internal.Servlets;
import dev.talkback.comments.spring.internal.Stores;
import dev.talkback.comments.spring.internal.TalkbackConfigurationException;
import dev.talkback.comments.StoreUnavailableException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Talkback in a Spring Boot application: the {@link Comments} service on the application's {@code DataSource}
 * (a {@link JdbiCommentStore} whose tables are created after Spring Boot's own database initialization), inside
 * the read-only fallback, and the {@link CommentsServlet} mounted at {@code talkback.path}. Each bean is made
 * only if the application has none of its type, so any of them can be replaced:
 *
 * <ul>
 *   <li>{@link CommentStore}: the JDBI store on the single {@code DataSource}; define one to use another
 *       store (it is still wrapped in the fallback unless {@code talkback.fallback.enabled=false});
 *   <li>{@link Comments}: built from the store, {@code talkback.moderation} and every {@link CommentListener},
 *       {@link SpamCheck} and {@link FallbackListener} bean;
 *   <li>{@link IdentityResolver}: the logged-in user of Spring Security's {@code SecurityContext} when Spring
 *       Security is present, else nobody;
 *   <li>{@link ModeratorAuthorizer}: users with the authority {@code talkback.moderator-authority}, else nobody;
 *   <li>{@link CommentsServlet} and its registration {@code talkbackServletRegistration};
 *   <li>{@link TalkbackTemplates}, the bean {@code talkback} that renders a thread into the application's own
 *       templates.
 * </ul>
 *
 * <p>With {@code talkback.cluster.enabled=true} (several app nodes on one PostgreSQL database), a {@link
 * PostgresInvalidationBus} carries cache invalidations between the nodes and the servlet keeps its rate limits
 * in the database ({@link RateLimitStore}, from the JDBI store); an application's own beans of those types win.
 *
 * <p>With comments-notify and {@code talkback.mail.*} or {@code talkback.notifications.*} set, the JDBI store
 * keeps its outbox and {@link TalkbackNotificationAutoConfiguration} sends the mails and webhooks.
 *
 * <p>Without {@code talkback.secret} the application does not start, and says why. docs/spring-boot.md has
 * the whole story.
 */
@AutoConfiguration(afterName = {
    // Boot 3.5 and Boot 4 names: the store needs the DataSource, and migrates after the host's own Flyway
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
    "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
    "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
    "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@ConditionalOnClass(Comments.class)
@ConditionalOnProperty(prefix = "talkback", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TalkbackProperties.class)
public class TalkbackAutoConfiguration {
  /** Made by Spring. */
  public TalkbackAutoConfiguration() {}

  /**
   * The comment service: the store (in the read-only fallback unless it is off), moderation, listeners and
   * spam checks. Closed with the context.
   *
   * @param properties the settings
   * @param store the application's or the JDBI store
   * @param replicas read replicas for the fallback
   * @param blockStore where blocks are kept
   * @param listeners comment listeners
   * @param fallbackListeners fallback listeners
   * @param spamChecks spam checks
   * @param invalidationBus carries cache invalidations between nodes ({@code talkback.cluster.enabled})
   * @return the service
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Comments talkbackComments(TalkbackProperties properties, ObjectProvider<CommentStore> store,
      ObjectProvider<Replicas> replicas, ObjectProvider<BlockStore> blockStore,
      ObjectProvider<CommentListener> listeners, ObjectProvider<FallbackListener> fallbackListeners,
      ObjectProvider<SpamCheck> spamChecks, ObjectProvider<InvalidationBus> invalidationBus) {
    CommentStore primary = store.getIfUnique();
    if (primary == null) {
      throw new TalkbackConfigurationException("there is no comment store: no single DataSource for the JDBI store,"
          + " and no CommentStore bean.", "Add spring-boot-starter-jdbc and a JDBC driver (PostgreSQL, MariaDB,"
          + " MySQL or H2) with spring.datasource.*, or define a dev.talkback.comments.spi.CommentStore bean; with"
          + " several DataSources mark one @Primary.");
    }
    CommentStore used = primary;
    if (properties.getFallback().isEnabled() && !(primary instanceof FallbackCommentStore)) {
      Replicas r = replicas.getIfAvailable();
      List<CommentReader> readers = r == null ? List.of() : r.readers();
      used = Stores.fallback(primary, readers, properties.getFallback(),
          Listeners.fallback(fallbackListeners.orderedStream().toList()));
    }
    CommentsBuilder b = Comments.builder().store(used).moderation(properties.getModeration());
    BlockStore blocks = blockStore.getIfUnique();
    if (blocks != null) {
      b.blockStore(blocks);
    }
    listeners.orderedStream().forEach(b::listener);
    spamChecks.orderedStream().forEach(b::spamCheck);
    InvalidationBus bus = invalidationBus.getIfUnique();
    if (bus != null) {
      b.invalidationBus(bus); // build() starts it listening
    }
    return b.build();
  }

  /** Micrometer meters, when Micrometer is on the class path; the {@code Comments} bean hears through them. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    TalkbackMetrics talkbackMetrics(ObjectProvider<Comments> comments) {
      return new TalkbackMetrics(comments::getObject);
    }
  }

  /** Actuator health on Spring Boot 3: {@code /actuator/health/talkback}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot3HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "talkbackHealthIndicator")
    Boot3HealthIndicator talkbackHealthIndicator(Comments comments) {
      return new Boot3HealthIndicator(comments);
    }
  }

  /** Actuator health on Spring Boot 4, whose health API has its own module. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnMissingClass("org.springframework.boot.actuate.health.HealthIndicator")
  static class Boot4HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "talkbackHealthIndicator")
    Boot4HealthIndicator talkbackHealthIndicator(Comments comments) {
      return new Boot4HealthIndicator(comments);
    }
  }

  /**
   * Talkback's route names in Spring's HTTP server observations ({@code http.server.requests} tagged {@code
   * uri=/comments/api/thread}, not {@code UNKNOWN}), when Spring's observation filter is there.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.filter.ServerHttpObservationFilter")
  static class RouteNamesConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "talkbackRouteNames")
    FilterRegistrationBean<RouteNames> talkbackRouteNames(CommentsServlet servlet, TalkbackProperties properties) {
      FilterRegistrationBean<RouteNames> r = new FilterRegistrationBean<>(new RouteNames(servlet));
      r.addUrlPatterns(Servlets.mapping(properties.getPath()));
      r.setName("talkbackRouteNames");
      r.setAsyncSupported(true);
      r.setOrder(Ordered.HIGHEST_PRECEDENCE + 2); // inside Spring's observation filter (HIGHEST_PRECEDENCE + 1)
      return r;
    }
  }

  /** The JDBI store on the application's {@code DataSource}, when comments-jdbi is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JdbiCommentStore.class, DataSource.class})
  static class JdbiStoreConfiguration {
    @Bean
    @ConditionalOnMissingBean(CommentStore.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @DependsOnDatabaseInitialization
    JdbiCommentStore talkbackStore(DataSource dataSource, TalkbackProperties properties, ApplicationContext context) {
      TalkbackProperties.Store s = properties.getStore();
      JdbiCommentStore.Builder b;
      try {
        b = JdbiCommentStore.builder(dataSource).tablePrefix(s.getTablePrefix()).migrate(s.isMigrate())
            .notifications(NotificationsCondition.wanted(context.getEnvironment(), context.getClassLoader()));
        if (s.getQueryTimeout() != null) {
          b.queryTimeout(s.getQueryTimeout());
        }
      } catch (IllegalArgumentException e) {
        throw new TalkbackConfigurationException("invalid talkback.store.* setting: " + e.getMessage(),
            "Correct the talkback.store.* settings (docs/spring-boot.md).");
      }
      JdbiCommentStore store = b.build();
      if (s.isMigrate()) {
        try {
          store.initialize(); // now, after the host's migrations, not inside the first request's deadline
        } catch (StoreUnavailableException e) {
          LoggerFactory.getLogger(TalkbackAutoConfiguration.class).warn("Talkback: the comment database is"
              + " unreachable at startup; starting read-only, tables are created when it is back: {}", e.getMessage());
        }
      }
      return store;
    }

    @Bean
    @ConditionalOnMissingBean(BlockStore.class)
    BlockStore talkbackBlockStore(ObjectProvider<CommentStore> store) {
      return store.getIfUnique() instanceof JdbiCommentStore j ? j.blockStore() : new InMemoryBlockStore();
    }

    @Bean
    @ConditionalOnMissingBean
    Replicas talkbackReplicas(TalkbackProperties properties) {
      return Replicas.jdbi(properties);
    }
  }

  /**
   * Several app nodes on one PostgreSQL database ({@code talkback.cluster.enabled=true}): the LISTEN/NOTIFY
   * invalidation bus, closed after {@code Comments}, and the rate limits kept in the database.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JdbiCommentStore.class, DataSource.class})
  @ConditionalOnProperty(prefix = "talkback.cluster", name = "enabled", havingValue = "true")
  static class ClusterConfiguration {
    // The DataSource is a direct dependency, so that the bus is closed before it (its listener may hold one of
    // the pool's connections, and a pool closed under it hangs the bus's close).
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(InvalidationBus.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    PostgresInvalidationBus talkbackInvalidationBus(ObjectProvider<CommentStore> store, DataSource dataSource,
        TalkbackProperties properties, ApplicationContext context) {
      return Clusters.bus(store.getIfUnique(), dataSource, context.getEnvironment(), properties);
    }

    @Bean
    @ConditionalOnMissingBean(RateLimitStore.class)
    RateLimitStore talkbackRateLimitStore(ObjectProvider<CommentStore> store) {
      return Clusters.rateLimits(store.getIfUnique());
    }
  }

  /** The servlet, in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class ServletConfiguration {
    /** Whether Spring Security is on the application's class path. */
    private static boolean security(ApplicationContext context) {
      return ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder",
          context.getClassLoader());
    }

    @Bean
    @ConditionalOnMissingBean
    IdentityResolver talkbackIdentityResolver(ApplicationContext context) {
      return security(context) ? SecurityIdentities.resolver() : IdentityResolver.anonymous();
    }

    @Bean
    @ConditionalOnMissingBean
    ModeratorAuthorizer talkbackModeratorAuthorizer(TalkbackProperties properties, ApplicationContext context) {
      String authority = properties.getModeratorAuthority();
      if (authority == null || authority.isBlank()) {
        return ModeratorAuthorizer.denyAll();
      }
      return security(context) ? SecurityIdentities.authority(authority.trim())
          : ModeratorAuthorizer.role(authority.trim());
    }

    @Bean
    @ConditionalOnMissingBean
    CommentsServlet talkbackServlet(Comments comments, TalkbackProperties properties, IdentityResolver identities,
        ModeratorAuthorizer moderators, ObjectProvider<Notifications> notifications,
        ObjectProvider<RateLimitStore> rateLimits) {
      return Servlets.build(comments, properties, identities, moderators, notifications.getIfUnique(),
          rateLimits.getIfUnique());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "org.springframework.web.context.request.RequestContextHolder")
    TalkbackTemplates talkback(CommentsServlet servlet, TalkbackProperties properties) {
      return new TalkbackTemplates(servlet, properties.getPath());
    }

    @Bean
    @ConditionalOnMissingBean(name = "talkbackServletRegistration")
    ServletRegistrationBean<CommentsServlet> talkbackServletRegistration(CommentsServlet servlet,
        TalkbackProperties properties) {
      ServletRegistrationBean<CommentsServlet> r = new ServletRegistrationBean<>(servlet,
          Servlets.mapping(properties.getPath()));
      r.setName("talkback");
      r.setLoadOnStartup(1);
      return r;
    }
  }
}
