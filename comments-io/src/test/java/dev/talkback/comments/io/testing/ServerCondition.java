package dev.talkback.comments.io.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * (A copy of the helper in comments-jdbi's tests, which publishes no test jar.)
 *
 * The condition behind {@link RequiresServer}: connects once per server and URL (timeouts of a few
 * seconds), then runs the class, skips it with a message on standard error, or, in CI, fails it.
 *
 * <p>CI is the environment variable {@code CI} set to {@code true}, as CI services set it; the system
 * property {@code talkback.test.ci} ({@code true}/{@code false}) overrides it, which is how the tests of this
 * condition try both branches.
 */
public final class ServerCondition implements ExecutionCondition {
  private static final ConcurrentHashMap<String, Optional<String>> PROBED = new ConcurrentHashMap<>();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresServer> required = context.getTestClass().flatMap(ServerCondition::requirement);
    if (required.isEmpty()) {
      return ConditionEvaluationResult.enabled("no database server required");
    }
    Server server = required.get().value();
    Decision d = decide(server, probe(server), isCi());
    switch (d.kind) {
      case RUN:
        return ConditionEvaluationResult.enabled(d.message);
      case SKIP:
        System.err.println(d.message);
        return ConditionEvaluationResult.disabled(d.message);
      default:
        throw new IllegalStateException(d.message);
    }
  }

  /** The annotation on the class, a superclass, or an enclosing class of a nested one. */
  private static Optional<RequiresServer> requirement(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      Optional<RequiresServer> found = AnnotationSupport.findAnnotation(c, RequiresServer.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** What to do about a class that needs {@code server}, given why it cannot be reached (empty if it can). */
  static Decision decide(Server server, Optional<String> unreachable, boolean ci) {
    if (unreachable.isEmpty()) {
      return new Decision(Kind.RUN, server.displayName() + " is reachable at " + server.url());
    }
    String what = server.displayName() + " is not reachable at " + server.url() + " as user '" + server.user()
        + "': " + unreachable.get() + ". Start it (" + server.howToStart() + ") or point " + server.settingNames()
        + " at one.";
    if (ci) {
      return new Decision(Kind.FAIL, "FAILED, not skipped, because CI=true: " + what);
    }
    String bar = "*".repeat(100);
    return new Decision(Kind.SKIP, "\n" + bar + "\n*** SKIPPING " + server.displayName() + " tests: " + what
        + "\n*** (With CI=true these tests fail instead.)\n" + bar);
  }

  /** Why the server cannot be reached, or empty if a connection succeeded. Probed once per URL. */
  static Optional<String> probe(Server server) {
    return PROBED.computeIfAbsent(server + " " + server.url() + " " + server.user(), k -> {
      try (Connection c = server.connect()) {
        return c.isValid(3) ? Optional.empty() : Optional.of("the connection is not valid");
      } catch (SQLException e) {
        return Optional.of(e.getClass().getSimpleName() + " (SQLState " + e.getSQLState() + "): " + e.getMessage());
      }
    });
  }

  static boolean isCi() {
    String property = System.getProperty("talkback.test.ci");
    String value = property != null ? property : System.getenv("CI");
    return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
  }

  enum Kind { RUN, SKIP, FAIL }

  static final class Decision {
    final Kind kind;
    final String message;

    Decision(Kind kind, String message) {
      this.kind = kind;
      this.message = message;
    }
  }
}
