package dev.talkback.examples.springbootblog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small blog on Spring Boot with Talkback: {@code ./mvnw -pl examples/spring-boot-blog -am spring-boot:run}
 * is not needed; run this class, open http://localhost:8080/ (README.md).
 */
@SpringBootApplication
public class BlogApplication {
  /**
   * Starts the blog.
   *
   * @param args Spring Boot's arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(BlogApplication.class, args);
  }
}
