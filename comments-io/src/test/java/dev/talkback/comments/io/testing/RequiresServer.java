package dev.talkback.comments.io.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (A copy of the helper in comments-jdbi's tests, which publishes no test jar.)
 *
 * Runs a test class only when the database server is reachable. When it is not, the class is skipped with
 * a loud message naming the server, the URL tried, the error, and how to start it; with the environment
 * variable {@code CI=true} (or {@code -Dtalkback.test.ci=true}) it fails instead, because CI must run
 * everything. See {@link ServerCondition}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(ServerCondition.class)
public @interface RequiresServer {
  Server value();
}
