package dev.talkback.examples.springbootblog;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The blog's posts, in its own table that its own Flyway migration creates (db/migration/V1__posts.sql). */
@Repository
public class Posts {
  /** One post. */
  public record Post(String slug, String title, String body) {}

  private final JdbcTemplate jdbc;

  Posts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Post> all() {
    return jdbc.query("SELECT slug, title, body FROM posts ORDER BY published DESC",
        (r, i) -> new Post(r.getString(1), r.getString(2), r.getString(3)));
  }

  Optional<Post> find(String slug) {
    return jdbc.query("SELECT slug, title, body FROM posts WHERE slug = ?",
        (r, i) -> new Post(r.getString(1), r.getString(2), r.getString(3)), slug).stream().findFirst();
  }
}
