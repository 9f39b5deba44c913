package dev.talkback.comments.servlet.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the npm package, version {@code axe.version}, pinned in the parent pom) run in the browser
 * over the current page. The script is installed with npm into {@code target/axe} on first use; without
 * the npm registry the tests that need it skip loudly, and fail when {@code CI=true}.
 */
final class Axe {
  private static final Path DIR = Path.of("target", "axe");
  private static String source;

  private Axe() {}

  static synchronized String script() throws IOException, InterruptedException {
    if (source != null) {
      return source;
    }
    String version = System.getProperty("axe.version", "4.10.3");
    Path js = DIR.resolve("node_modules/axe-core/axe.min.js");
    Path stamp = DIR.resolve("version");
    if (!Files.exists(js) || !Files.exists(stamp) || !Files.readString(stamp).equals(version)) {
      Files.createDirectories(DIR);
      Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
          DIR.toAbsolutePath().toString(), "axe-core@" + version).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = p.waitFor(180, TimeUnit.SECONDS);
      if (!done || p.exitValue() != 0 || !Files.exists(js)) {
        String msg = "SKIPPING ACCESSIBILITY CHECK: 'npm install axe-core@" + version + "' failed (no npm or no "
            + "registry?): " + out;
        System.err.println("\n!!!!! " + msg + " !!!!!\n");
        if ("true".equals(System.getenv("CI"))) {
          throw new AssertionError(msg + " (CI=true: the accessibility check must run)");
        }
        Assumptions.abort(msg);
      }
      Files.writeString(stamp, version);
    }
    source = Files.readString(js);
    return source;
  }

  /** The violations on the current page, one line each ("rule: target: summary"); empty when none. */
  @SuppressWarnings("unchecked")
  static List<String> violations(WebDriver browser) throws IOException, InterruptedException {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(script());
    Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "axe.run(document, { resultTypes: ['violations'] }).then(function (r) { done(r.violations.map(function (v) {"
        + "return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) { return n.target.join(' ') + ' ' + "
        + "(n.failureSummary || '').replace(/\\s+/g, ' '); }).join(' | '); })); }, function (e) { done(['axe failed: ' + e]); });");
    return (List<String>) result;
  }

}
