package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.IdentityResolver;
import dev.talkback.comments.servlet.ModeratorAuthorizer;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spring.internal.TalkbackConfigurationException;
import dev.talkback.comments.spring.internal.TalkbackFailureAnalyzer;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TalkbackAutoConfigurationTest {
  private static final String SECRET = "talkback.secret=0123456789abcdef-test";

  private static WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            TalkbackAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.flyway.locations=classpath:db/host");
  }

  private static PostResult post(Comments comments, String text) {
    return comments.post(NewComment.builder(ThreadKey.of("hello")).threadTitle("Hello").author(Author.named("Ada"))
        .text(text).build());
  }

  @Nested
  @DisplayName("with the defaults")
  class Defaults {
    @Test
    void jdbiStoreOnTheDataSource_servletAtComments_fallbackAround() {
      web().withPropertyValues(SECRET).run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(Comments.class).hasSingleBean(JdbiCommentStore.class)
            .hasSingleBean(CommentsServlet.class);
        ServletRegistrationBean<?> r = context.getBean("talkbackServletRegistration", ServletRegistrationBean.class);
        assertThat(r.getUrlMappings()).containsExactly("/comments/*");
        assertThat(r.getServletName()).isEqualTo("talkback");
        Comments comments = context.getBean(Comments.class);
        assertThat(post(comments, "First!").outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
        assertThat(comments.thread(SiteId.DEFAULT, ThreadKey.of("hello"),
            ThreadPageRequest.first(CommentSort.OLDEST, 10)).totalCount()).isEqualTo(1);
        assertThat(comments.health().store().mode()).isEqualTo(StoreMode.READ_WRITE);
        assertThat(comments.health().store().databases()).singleElement() // the fallback store's primary
            .satisfies(d -> assertThat(d.name()).isEqualTo("primary"));
        assertThat(context.getBean(IdentityResolver.class).getClass().getName()).contains("SecurityIdentities");
        // the host's own migration ran too, through Spring Boot's Flyway
        assertThat(context.getBean(javax.sql.DataSource.class).getConnection().createStatement()
            .executeQuery("SELECT title FROM posts WHERE id = 1").next()).isTrue();
      });
    }

    @Test
    void noWebApplication_commentsButNoServlet() {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TalkbackAutoConfiguration.class))
          .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "spring.flyway.enabled=false")
          .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Comments.class)
              .doesNotHaveBean(CommentsServlet.class));
    }

    @Test
    void disabled_nothing() {
      web().withPropertyValues(SECRET, "talkback.enabled=false")
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Comments.class)
              .doesNotHaveBean(CommentsServlet.class));
    }
  }

  @Nested
  @DisplayName("properties and beans of the application override the defaults")
  class Overrides {
    @Test
    void path_prefix_moderation() {
      web().withPropertyValues(SECRET, "talkback.path=/talk/", "talkback.store.table-prefix=blog_tb_",
          "talkback.moderation=all", "talkback.fallback.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            ServletRegistrationBean<?> r = context.getBean("talkbackServletRegistration", ServletRegistrationBean.class);
            assertThat(r.getUrlMappings()).containsExactly("/talk/*");
            assertThat(context.getBean(JdbiCommentStore.class).tablePrefix()).isEqualTo("blog_tb_");
            Comments comments = context.getBean(Comments.class);
            assertThat(post(comments, "Wait for me").outcome()).isEqualTo(PostResult.Outcome.PENDING);
            // no fallback: the plain JDBI store reports its database itself
            assertThat(comments.health().store().databases()).singleElement()
                .satisfies(d -> assertThat(d.name()).isEqualTo("H2"));
          });
    }

    @Test
    void applicationStore_usedInsteadOfJdbi() {
      web().withPropertyValues(SECRET).withUserConfiguration(MemoryStore.class).run(context -> {
        assertThat(context).hasNotFailed().doesNotHaveBean(JdbiCommentStore.class);
        post(context.getBean(Comments.class), "In memory");
        InMemoryCommentStore store = context.getBean(InMemoryCommentStore.class);
        assertThat(store.counts(SiteId.DEFAULT, java.util.List.of(ThreadKey.of("hello"))))
            .containsEntry(ThreadKey.of("hello"), 1);
      });
    }

    @Test
    void applicationResolverAndAuthorizer_used() {
      web().withPropertyValues(SECRET).withUserConfiguration(HostSpi.class).run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context.getBean(IdentityResolver.class)).isSameAs(HostSpi.RESOLVER);
        assertThat(context.getBean(ModeratorAuthorizer.class)).isSameAs(HostSpi.AUTHORIZER);
      });
    }

    @Test
    void applicationServlet_used() {
      web().withPropertyValues(SECRET).withUserConfiguration(HostServlet.class).run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context.getBean(CommentsServlet.class)).isSameAs(context.getBean("hostServlet"));
      });
    }
  }

  @Nested
  @DisplayName("a configuration the application must fix stops it with a clear report")
  class Failures {
    @Test
    void missingSecret() {
      web().run(context -> {
        assertThat(context).hasFailed();
        FailureAnalysis a = analysis(context.getStartupFailure());
        assertThat(a.getDescription()).isEqualTo("Talkback: talkback.secret is not set.");
        assertThat(a.getAction()).contains("Set talkback.secret").contains("at least 16 characters");
      });
    }

    @Test
    void shortSecret() {
      web().withPropertyValues("talkback.secret=short").run(context -> assertThat(
          analysis(context.getStartupFailure()).getDescription()).contains("too short: 5 bytes"));
    }

    @Test
    void badPath() {
      web().withPropertyValues(SECRET, "talkback.path=comments").run(context -> assertThat(
          analysis(context.getStartupFailure()).getDescription()).contains("talkback.path must be a path"));
    }

    @Test
    void spoolPolicyWithoutSpool() {
      web().withPropertyValues(SECRET, "talkback.fallback.write-policy=spool").run(context -> assertThat(
          analysis(context.getStartupFailure()).getDescription()).contains("talkback.fallback.spool is not set"));
    }

    @Test
    void badOrigin() {
      web().withPropertyValues(SECRET, "talkback.allowed-origins=https://blog.example/path").run(context -> assertThat(
          analysis(context.getStartupFailure()).getDescription()).startsWith("Talkback: invalid talkback.* setting"));
    }

    private FailureAnalysis analysis(Throwable failure) {
      FailureAnalysis a = new TalkbackFailureAnalyzer().analyze(failure);
      assertThat(a).as("analysis of %s", failure).isNotNull();
      assertThat(a.getCause()).isInstanceOf(TalkbackConfigurationException.class);
      return a;
    }
  }

  @Nested
  @DisplayName("without the optional modules")
  class Absent {
    @Test
    void noCommentsJdbi_andNoStore_saysWhatToAdd() {
      web().withPropertyValues(SECRET).withClassLoader(new FilteredClassLoader(JdbiCommentStore.class))
          .run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis a = new TalkbackFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(a).isNotNull();
            assertThat(a.getDescription()).contains("there is no comment store");
            assertThat(a.getAction()).contains("spring-boot-starter-jdbc").contains("CommentStore bean");
          });
    }

    @Test
    void noCommentsJdbi_applicationStore() {
      web().withPropertyValues(SECRET).withClassLoader(new FilteredClassLoader(JdbiCommentStore.class))
          .withUserConfiguration(MemoryStore.class)
          .run(context -> assertThat(context).hasNotFailed().hasSingleBean(CommentsServlet.class));
    }

    @Test
    void noSpringSecurity_anonymousReaders_roleModerators() {
      web().withPropertyValues(SECRET, "talkback.moderator-authority=moderator")
          .withClassLoader(new FilteredClassLoader("org.springframework.security"))
          .run(context -> {
            assertThat(context).hasNotFailed();
            IdentityResolver r = context.getBean(IdentityResolver.class);
            assertThat(r.getClass().getName()).doesNotContain("SecurityIdentities");
            assertThat(r.resolve(new org.springframework.mock.web.MockHttpServletRequest())).isEqualTo(Optional.empty());
          });
    }

    @Test
    void noServletApi_noServlet() {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, TalkbackAutoConfiguration.class))
          .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), SECRET)
          .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CommentsServlet.class));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class MemoryStore {
    @Bean
    CommentStore hostStore() {
      return new InMemoryCommentStore();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostSpi {
    static final IdentityResolver RESOLVER = request -> Optional.empty();
    static final ModeratorAuthorizer AUTHORIZER = (request, site) -> false;

    @Bean
    IdentityResolver hostResolver() {
      return RESOLVER;
    }

    @Bean
    ModeratorAuthorizer hostAuthorizer() {
      return AUTHORIZER;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostServlet {
    @Bean
    CommentsServlet hostServlet(Comments comments) {
      return CommentsServlet.builder(comments).secret("host-secret-0123456789".getBytes(
          java.nio.charset.StandardCharsets.UTF_8)).build();
    }
  }
}
