package dev.talkback.comments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as users run it: {@code java -jar target/talkback.jar}. */
class TalkbackJarIT {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  Result java(String... args) throws IOException, InterruptedException {
    return java(Map.of(), args);
  }

  /** Runs the jar with these environment variables set, and waits for it. */
  Result java(Map<String, String> env, String... args) throws IOException, InterruptedException {
    Process p = start(env, args);
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    assertThat(ended).as("talkback.jar ended within 2 minutes").isTrue();
    return new Result(p.exitValue(), Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
  }

  /** Starts the jar, its standard output and error going to the files {@code stdout} and {@code stderr}. */
  Process start(Map<String, String> env, String... args) throws IOException {
    Path jar = Path.of("target", "talkback.jar");
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
        .redirectError(dir.resolve("stderr").toFile());
    builder.environment().remove("TALKBACK_DB_PASSWORD");
    builder.environment().putAll(env);
    return builder.start();
  }

  @Test
  void javaJar_importsAndExportsAgainstH2() throws Exception {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);

    Result imported = java("import", "--format", "disqus", "--jdbc-url", url, file.toString());
    assertThat(imported.code()).as(imported.err()).isEqualTo(0);
    assertThat(imported.out()).contains("Imported disqus: 3 comments in 1 threads (3 new");
    assertThat(imported.err()).contains("stored: 3 of 3 comments (100%)");

    Result exported = java("export", "--format", "talkback", "--jdbc-url", url);
    assertThat(exported.code()).as(exported.err()).isEqualTo(0);
    assertThat(exported.out().lines()).hasSize(5);

    Result bad = java("import", "--format", "wxr", "--jdbc-url", url, file.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("not a WordPress export");
  }

  @Test
  void javaJar_userAndPasswordFromTheEnvironment_andAnotherSite() throws Exception {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir); // H2 creates the database with the first user and password it is given

    Result imported = java("import", "--format", "disqus", "--jdbc-url", url, "--user", "sa", "--password", "pw",
        "--site", "blog2", file.toString());
    assertThat(imported.code()).as(imported.err()).isEqualTo(0);
    assertThat(imported.out()).contains("Imported disqus: 3 comments in 1 threads (3 new");

    Result exported = java(Map.of("TALKBACK_DB_PASSWORD", "pw"), "export", "--format", "talkback", "--jdbc-url",
        url, "--user", "sa", "--site", "blog2");
    assertThat(exported.code()).as(exported.err()).isEqualTo(0);
    assertThat(exported.out().lines()).hasSize(5);
    assertThat(exported.out().lines().findFirst().orElseThrow()).contains("\"site\":\"blog2\"");

    Result otherSite = java(Map.of("TALKBACK_DB_PASSWORD", "pw"), "export", "--format", "talkback", "--jdbc-url",
        url, "--user", "sa");
    assertThat(otherSite.code()).as(otherSite.err()).isEqualTo(0);
    assertThat(otherSite.out().lines()).hasSize(1); // the header: the default site has no comment

    Result refused = java(Map.of("TALKBACK_DB_PASSWORD", "wrong"), "export", "--format", "talkback",
        "--jdbc-url", url, "--user", "sa", "--site", "blog2");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("talkback: error: the database refused the user name or password")
        .contains("TALKBACK_DB_PASSWORD").doesNotContain("cannot be reached").doesNotContain("\tat ");
  }

  /**
   * The "again after a crash halfway": the import is killed with SIGKILL while it stores, then run
   * again; every comment is stored once, and the second run says how many the first had stored.
   */
  @Test
  void javaJar_killedWhileStoring_storesTheRestWhenRunAgain() throws Exception {
    int comments = 60_000;
    Path file = dir.resolve("big.xml");
    writeDisqus(file, 300, comments / 300);
    String url = CliFixtures.h2(dir);

    Process first = start(Map.of(), "import", "--format", "disqus", "--jdbc-url", url, file.toString());
    Pattern stored = Pattern.compile("stored: ([\\d,]+) of 60,000 comments");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    long storedWhenKilled = -1;
    try {
      while (first.isAlive() && Instant.now().isBefore(deadline)) {
        Matcher m = stored.matcher(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
        long last = -1;
        while (m.find()) {
          last = Long.parseLong(m.group(1).replace(",", ""));
        }
        if (last > 0 && last < comments) {
          first.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback of what the store was doing
          storedWhenKilled = last;
          break;
        }
        Thread.sleep(5);
      }
    } finally {
      first.destroyForcibly(); // never left running, whatever happened above
    }
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(storedWhenKilled).as("the import was killed while it stored (stderr: %s)",
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8)).isBetween(1L, comments - 1L);

    Result again = java("import", "--format", "disqus", "--jdbc-url", url, file.toString());
    assertThat(again.code()).as(again.err()).isEqualTo(0);
    Matcher summary = Pattern.compile("Imported disqus: 60000 comments in 300 threads \\((\\d+) new, (\\d+) already"
        + " stored\\)").matcher(again.out());
    assertThat(summary.find()).as(again.out()).isTrue();
    long fresh = Long.parseLong(summary.group(1));
    long already = Long.parseLong(summary.group(2));
    assertThat(fresh + already).isEqualTo(comments);
    assertThat(already).as("what the killed run had reported stored is there").isGreaterThanOrEqualTo(storedWhenKilled);
    assertThat(fresh).as("the second run stored the rest").isPositive();

    Result exported = java("export", "--format", "talkback", "--jdbc-url", url);
    assertThat(exported.code()).as(exported.err()).isEqualTo(0);
    Set<String> ids = new HashSet<>();
    long commentLines = 0;
    Matcher id = Pattern.compile("^\\{\"type\":\"comment\",\"id\":\"([^\"]+)\"", Pattern.MULTILINE).matcher(exported.out());
    while (id.find()) {
      commentLines++;
      ids.add(id.group(1));
    }
    assertThat(commentLines).isEqualTo(comments);
    assertThat(ids).hasSize(comments);
  }

  /** A Disqus export of {@code threads} threads of {@code perThread} posts, every other post a reply. */
  private static void writeDisqus(Path file, int threads, int perThread) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<disqus xmlns=\"http://disqus.com\""
          + " xmlns:dsq=\"http://disqus.com/disqus-internals\">\n");
      for (int t = 0; t < threads; t++) {
        w.write("<thread dsq:id=\"t" + t + "\"><id>t" + t + "</id><link>https://old.example/post/" + t
            + "/</link><title>Post " + t + "</title><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n");
      }
      int n = 0;
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++, n++) {
          String parent = i % 2 == 1 ? "<parent dsq:id=\"p" + (n - 1) + "\"/>" : "";
          w.write("<post dsq:id=\"p" + n + "\"><message><![CDATA[<p>comment " + n + " on post " + t
              + "</p>]]></message><createdAt>2020-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted>"
              + "<isSpam>false</isSpam><author><email>c" + (n % 97) + "@example.org</email><name>C" + (n % 97)
              + "</name></author><thread dsq:id=\"t" + t + "\"/>" + parent + "</post>\n");
        }
      }
      w.write("</disqus>\n");
    }
  }

  /** The jar's own PostgreSQL and MariaDB drivers, with the server's user and password. */
  abstract class OnServer {
    final List<String> drops = new ArrayList<>();

    abstract Server server();

    /** A JDBC URL of a fresh, empty schema or database on the server. */
    abstract String freshUrl();

    /** The server's URL with another database name in its path, its query kept. */
    String withDatabase(String database) {
      String url = server().url();
      int query = url.indexOf('?');
      String base = query < 0 ? url : url.substring(0, query);
      return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    @AfterEach
    void drop() {
      drops.forEach(sql -> TestDatabase.exec(server(), sql));
    }

    @Test
    void javaJar_importsAndExportsThroughItsOwnDriver() throws Exception {
      Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
      String url = freshUrl();
      Map<String, String> password = Map.of("TALKBACK_DB_PASSWORD", server().password());

      Result imported = java(password, "import", "--format", "disqus", "--jdbc-url", url, "--user", server().user(),
          "--site", "blog2", file.toString());
      assertThat(imported.code()).as(imported.err()).isEqualTo(0);
      assertThat(imported.out()).contains("Imported disqus: 3 comments in 1 threads (3 new");
      Result again = java(password, "import", "--format", "disqus", "--jdbc-url", url, "--user", server().user(),
          "--site", "blog2", file.toString());
      assertThat(again.out()).contains("(0 new, 3 already stored)");

      Result exported = java(password, "export", "--format", "talkback", "--jdbc-url", url, "--user",
          server().user(), "--site", "blog2");
      assertThat(exported.code()).as(exported.err()).isEqualTo(0);
      assertThat(exported.out().lines()).hasSize(5);
      assertThat(exported.out()).contains("a@example.org").contains("\"status\":\"SPAM\"");
    }
  }

  @Nested
  @RequiresServer(Server.POSTGRESQL)
  class Postgres extends OnServer {
    @Override
    Server server() {
      return Server.POSTGRESQL;
    }

    @Override
    String freshUrl() {
      String schema = TestDatabase.randomName();
      TestDatabase.exec(server(), "CREATE SCHEMA " + schema);
      drops.add("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      String url = server().url();
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Test
    void javaJar_exportFromASchemaWithoutTalkbackTables_saysSoAndCreatesNone() throws Exception {
      String url = freshUrl();
      String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());

      Result r = java(Map.of("TALKBACK_DB_PASSWORD", server().password()), "export", "--format", "talkback",
          "--jdbc-url", url, "--user", server().user());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("talkback: error: this database has no Talkback tables");
      try (java.sql.Connection c = server().connect();
          java.sql.ResultSet tables = c.getMetaData().getTables(null, schema, "%", null)) {
        assertThat(tables.next()).as("no table was created in " + schema).isFalse();
      }
    }

    @Test
    void javaJar_aDatabaseThatDoesNotExist_saysSo() throws Exception {
      String missing = withDatabase(TestDatabase.randomName());

      Result r = java(Map.of("TALKBACK_DB_PASSWORD", server().password()), "export", "--format", "talkback",
          "--jdbc-url", missing, "--user", server().user());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("talkback: error: the database named in --jdbc-url does not exist")
          .doesNotContain("cannot be reached");
    }

    @Test
    void javaJar_aSchemaInCapitalsWithoutQuotes_saysHowToQuoteIt() throws Exception {
      Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
      String schema = "Blog_" + TestDatabase.randomName().substring("tbtest_".length());
      drops.add("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      String url = server().url();

      Result r = java(Map.of("TALKBACK_DB_PASSWORD", server().password()), "import", "--format", "disqus",
          "--jdbc-url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, "--user",
          server().user(), file.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("talkback: error: PostgreSQL has no schema " + schema.toLowerCase(Locale.ROOT))
          .contains("currentSchema=\"" + schema + "\"").doesNotContain("Exception").doesNotContain("Flyway");
    }
  }

  @Nested
  @RequiresServer(Server.MARIADB)
  class MariaDb extends OnServer {
    @Test
    void javaJar_aRefusedLogin_saysSoOnce_withoutTheDriversWarnings() throws Exception {
      Result r = java(Map.of("TALKBACK_DB_PASSWORD", "not-the-password"), "export", "--format", "talkback",
          "--jdbc-url", server().url(), "--user", "tb_no_such_user");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("talkback: error: the database refused the user name or password")
          .doesNotContain("WARN").doesNotContain("ErrorPacket");
    }

    @Override
    Server server() {
      return Server.MARIADB;
    }

    @Override
    String freshUrl() {
      String database = TestDatabase.randomName();
      TestDatabase.exec(server(), "CREATE DATABASE " + database);
      drops.add("DROP DATABASE IF EXISTS " + database);
      return withDatabase(database);
    }

    @Test
    void javaJar_aUrlWithoutADatabase_saysToNameOne() throws Exception {
      Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);

      Result r = java(Map.of("TALKBACK_DB_PASSWORD", server().password()), "import", "--format", "disqus",
          "--jdbc-url", withDatabase(""), "--user", server().user(), file.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("talkback: error: the connection names no database")
          .doesNotContain("Exception").doesNotContain("Flyway");
    }
  }
}
