package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spring.internal.Boot3HealthIndicator;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Actuator indicator: read-only is UP with the mode and the spool's depth, never DOWN. */
class TalkbackHealthTest {
  @TempDir
  Path dir;

  @Test
  void readWrite_up() {
    runner().run(context -> {
      Health h = context.getBean("talkbackHealthIndicator", Boot3HealthIndicator.class).health();
      assertThat(h.getStatus()).isEqualTo(Status.UP);
      assertThat(h.getDetails()).containsEntry("mode", "READ_WRITE").containsEntry("newComments", "ACCEPTED")
          .containsEntry("spoolDepth", 0L);
    });
  }

  @Test
  void databaseDown_readOnlyWithSpool_upWithModeAndDepth() {
    runner().withPropertyValues("talkback.fallback.spool=" + dir.resolve("talkback.spool"),
        "talkback.fallback.read-deadline=500ms", "talkback.fallback.write-deadline=500ms").run(context -> {
          FaultInjectingStore store = context.getBean(FaultInjectingStore.class);
          store.failReads(true);
          store.failWrites(true);
          Comments comments = context.getBean(Comments.class);
          PostResult r = comments.post(NewComment.builder(ThreadKey.of("hello")).threadTitle("Hello")
              .author(Author.named("Ada")).text("Kept while the database is down").build());
          assertThat(r.outcome()).isEqualTo(PostResult.Outcome.QUEUED);
          Boot3HealthIndicator indicator = context.getBean("talkbackHealthIndicator", Boot3HealthIndicator.class);
          Health h = indicator.health();
          assertThat(h.getStatus()).isEqualTo(Status.UP);
          assertThat(h.getDetails()).containsEntry("mode", "READ_ONLY").containsEntry("newComments", "QUEUED")
              .containsEntry("spoolDepth", 1L).containsKey("reason");
          @SuppressWarnings("unchecked") // HealthDetails puts a list of maps
          List<Map<String, Object>> dbs = (List<Map<String, Object>>) h.getDetails().get("databases");
          assertThat(dbs).singleElement().satisfies(db -> assertThat(db).containsEntry("reachable", false));

          store.recover();
          Await.until(Duration.ofSeconds(20), "replayed and read-write again",
              () -> "READ_WRITE".equals(indicator.health().getDetails().get("mode"))
                  && Long.valueOf(0).equals(indicator.health().getDetails().get("spoolDepth")));
        });
  }

  private WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TalkbackAutoConfiguration.class))
        .withUserConfiguration(Faulty.class)
        .withPropertyValues("talkback.secret=0123456789abcdef-test", "talkback.fallback.probe-interval=100ms");
  }

  @Configuration(proxyBeanMethods = false)
  static class Faulty {
    @Bean
    FaultInjectingStore store() {
      return new FaultInjectingStore(new InMemoryCommentStore());
    }
  }
}
