package dev.talkback.comments.spring.internal;

import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spring.TalkbackProperties;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;

/**
 * The read replicas of {@code talkback.fallback.replicas}: a JDBI store (read only: never migrated) on a
 * data source built by Spring Boot's {@code DataSourceBuilder} (the pool the application has, such as
 * HikariCP).
 *
 * @param readers the replicas, in order
 */
public record Replicas(List<CommentReader> readers) {
  /**
   * The replicas, as given.
   *
   * @param readers the replicas, in order
   */
  public Replicas {
    readers = List.copyOf(readers);
  }

  /**
   * The JDBI replicas the properties list.
   *
   * @param properties the settings
   * @return the replicas; none when none are set
   * @throws TalkbackConfigurationException if a replica has no URL
   */
  public static Replicas jdbi(TalkbackProperties properties) {
    List<CommentReader> readers = new ArrayList<>();
    int i = 0;
    for (TalkbackProperties.Fallback.Replica r : properties.getFallback().getReplicas()) {
      String url = r.getUrl();
      if (url == null || url.isBlank()) {
        throw new TalkbackConfigurationException("talkback.fallback.replicas[" + i + "].url is not set.",
            "Set the replica's JDBC URL, or remove the replica.");
      }
      DataSource ds = DataSourceBuilder.create().url(url).username(r.getUsername()).password(r.getPassword()).build();
      readers.add(JdbiCommentStore.builder(ds).tablePrefix(properties.getStore().getTablePrefix()).migrate(false)
          .build());
      i++;
    }
    return new Replicas(readers);
  }
}
