package dev.talkback.comments.jdbi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Both branches of {@link ServerCondition} for a server that is not there: skipped with a message on a
 * developer's machine, failed in CI. Runs {@link UnreachableServerProbe} through the JUnit launcher with the
 * PostgreSQL URL pointed at a closed port.
 */
class ServerConditionTest {

  @Test
  void unreachableServer_outsideCi_skipsTheClassAndSaysWhatIsMissing() throws Exception {
    TestExecutionSummary summary = runProbe(false);

    assertThat(summary.getContainersSkippedCount()).isEqualTo(1);
    assertThat(summary.getTestsStartedCount()).isZero();
    assertThat(summary.getTotalFailureCount()).isZero();
    assertThat(UnreachableServerProbe.ran).isFalse();
  }

  @Test
  void unreachableServer_inCi_failsTheClass() throws Exception {
    TestExecutionSummary summary = runProbe(true);

    assertThat(summary.getTestsStartedCount()).isZero();
    assertThat(summary.getTotalFailureCount()).isEqualTo(1);
    Throwable failure = summary.getFailures().get(0).getException();
    assertThat(failure).hasStackTraceContaining("FAILED, not skipped, because CI=true")
        .hasStackTraceContaining("PostgreSQL is not reachable at jdbc:postgresql://127.0.0.1:");
    assertThat(UnreachableServerProbe.ran).isFalse();
  }

  @Test
  void decide_namesTheServerTheUrlTheErrorAndHowToStartIt() {
    ServerCondition.Decision skip = ServerCondition.decide(Server.MARIADB, Optional.of("Connection refused"), false);
    assertThat(skip.kind).isEqualTo(ServerCondition.Kind.SKIP);
    assertThat(skip.message).contains("SKIPPING MariaDB tests", Server.MARIADB.url(), "Connection refused",
        "TALKBACK_MARIADB_URL", "docker run", "With CI=true these tests fail instead");

    assertThat(ServerCondition.decide(Server.MARIADB, Optional.of("refused"), true).kind)
        .isEqualTo(ServerCondition.Kind.FAIL);
    assertThat(ServerCondition.decide(Server.POSTGRESQL, Optional.empty(), true).kind)
        .isEqualTo(ServerCondition.Kind.RUN);
  }

  private static TestExecutionSummary runProbe(boolean ci) throws IOException {
    String urlKey = "talkback.pg.url";
    String ciKey = "talkback.test.ci";
    String oldUrl = System.getProperty(urlKey);
    String oldCi = System.getProperty(ciKey);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    System.setProperty(urlKey, "jdbc:postgresql://127.0.0.1:" + port + "/test");
    System.setProperty(ciKey, String.valueOf(ci));
    try {
      UnreachableServerProbe.ran = false;
      LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(UnreachableServerProbe.class))
          .build();
      Launcher launcher = LauncherFactory.create();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      launcher.execute(request, listener);
      return listener.getSummary();
    } finally {
      restore(urlKey, oldUrl);
      restore(ciKey, oldCi);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
