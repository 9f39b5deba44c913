package dev.talkback.examples.springbootblog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through the Debian chromedriver, as comments-servlet's browser tests start it. Without
 * them a test skips loudly; with {@code CI=true} it fails instead.
 */
final class Chromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  static WebDriver start() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      String msg = "SKIPPING BROWSER TESTS: " + CHROMIUM + " or " + DRIVER
          + " is missing; install them with: apt-get install -y chromium chromium-driver";
      System.err.println("\n!!!!! " + msg + " !!!!!\n");
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg + " (CI=true: browser tests must run)");
      }
      Assumptions.abort(msg);
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory("blog-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    WebDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return d;
  }
}
