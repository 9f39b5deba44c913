package dev.talkback.comments.jdbi;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tells a configuration error from an outage for {@link JdbiStoreFactory}: a missing driver, a URL that no
 * driver takes or a refused login will not mend by waiting, so they are reported as what they are instead of
 * "the database is unreachable". Messages never repeat a URL past its subprotocol (it may hold a password).
 */
final class JdbcSettings {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");
  private static final String WHERE = " The driver's jar goes in the web application's WEB-INF/lib, or in the"
      + " container's lib (Tomcat: $CATALINA_BASE/lib) when the container's own JNDI pool uses it.";

  private JdbcSettings() {}

  /** Loads and registers a driver class by name, with the web application's class loader. */
  static void loadDriver(String param, String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> c;
    try {
      c = Class.forName(className, true, loader != null ? loader : JdbcSettings.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(param + " names the JDBC driver " + className
          + ", which is not on the class path." + WHERE, e);
    }
    if (!Driver.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException(param + " names " + className + ", which is not a java.sql.Driver");
    }
  }

  /** Refuses a URL that is not a JDBC URL or that no driver on the class path accepts. */
  static void checkUrl(String param, String url) {
    if (!url.startsWith("jdbc:") || url.indexOf(':', 5) < 0) {
      throw new IllegalArgumentException(param + " must be a JDBC URL such as jdbc:postgresql://db.example/blog,"
          + " not one starting '" + prefix(url) + "'");
    }
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new IllegalArgumentException("no JDBC driver on the class path accepts " + param + " (" + prefix(url)
          + "...): the driver's jar is missing, or the URL is misspelled." + WHERE
          + " If the jar is in WEB-INF/lib and still not found, name its class in " + JdbiStoreFactory.DRIVER
          + ".", e);
    }
  }

  /**
   * Why a failure at startup is a configuration error, or null when it may be an outage.
   *
   * @param failure what {@code initialize()} threw
   */
  static @Nullable String misconfiguration(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
        return "the data source cannot load its JDBC driver: " + t.getMessage() + "." + WHERE;
      }
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        String message = String.valueOf(s.getMessage());
        if (message.startsWith("No suitable driver")) {
          return "no JDBC driver on the class path accepts the data source's URL: the driver's jar is missing,"
              + " or the URL is misspelled." + WHERE;
        }
        if (state != null && state.startsWith("28")) {
          return "the database refused the login (SQL state " + state + "): check the user and password: "
              + message;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  static Duration duration(String param, String value) {
    Matcher m = DURATION.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        default -> Duration.ofMinutes(n);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(param + " must be a duration such as 5s or PT5S, not '" + value + "'", e);
    }
  }

  private static String prefix(String url) {
    int second = url.indexOf(':', url.startsWith("jdbc:") ? 5 : 0);
    return second < 0 ? (url.length() > 12 ? url.substring(0, 12) : url) : url.substring(0, second + 1);
  }
}
