package dev.talkback.comments.jdbi.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only when the database server is reachable. When it is not, the class is skipped with
 * a loud message naming the server, the URL tried, the error, and how to start it; with the environment
 * variable {@code CI=true} (or {@code -Dtalkback.test.ci=true}) it fails instead, because CI must run
 * everything. See {@link ServerCondition}. Tagged {@code database}: {@code ./mvnw verify -Pfast} leaves it out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("database")
@ExtendWith(ServerCondition.class)
public @interface RequiresServer {
  Server value();
}
