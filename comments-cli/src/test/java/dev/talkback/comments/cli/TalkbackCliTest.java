package dev.talkback.comments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TalkbackCliTest {
  @TempDir Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(boolean terminal, String... args) {
    out.reset();
    err.reset();
    return TalkbackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void import_thenExport_roundTrips() throws IOException {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, "--map",
        "https://old.example/blog/=posts/", "--strip-trailing-slash", file.toString())).isEqualTo(0);
    assertThat(out()).contains("Imported disqus: 3 comments in 1 threads (3 new, 0 already stored)")
        .contains("spam: 1").contains("comments/s");
    assertThat(err()).contains("stored: 3 of 3 comments (100%)");

    assertThat(run(false, "import", "--format", "DISQUS", "--jdbc-url", url, "--map",
        "https://old.example/blog/=posts/", "--strip-trailing-slash", file.toString())).isEqualTo(0);
    assertThat(out()).contains("(0 new, 3 already stored)");

    Path export = dir.resolve("out.jsonl");
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url, "--out", export.toString()))
        .isEqualTo(0);
    java.util.List<String> lines = Files.readAllLines(export);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("{\"talkback\":\"comments\",\"version\":1,\"site\":\"default\"");
    assertThat(lines.get(1)).contains("\"key\":\"posts/a\"");
    assertThat(err()).contains("Exported 3 comments");

    assertThat(run(false, "export", "--format", "wxr", "--jdbc-url", url)).isEqualTo(0);
    assertThat(out()).startsWith("<?xml").contains("<wp:comment_approved><![CDATA[spam]]></wp:comment_approved>");
  }

  @Test
  void import_dryRun_storesNothingAndListsThreads() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, "--dry-run", file.toString()))
        .isEqualTo(0);
    assertThat(out()).contains("Dry run of disqus: 3 comments in 1 threads").contains("/blog/a/: 3");
    assertThat(err()).contains("checked (dry run, nothing stored): 3 of 3 comments (100%)").doesNotContain("stored:")
        .contains("there is no H2 database at").contains("checking the file alone");

    // nothing stored, and not even a database file created
    assertThat(dir.resolve("talkback.mv.db")).doesNotExist();
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url)).isEqualTo(1);
    assertThat(err()).contains("there is no H2 database at jdbc:h2:file:" + dir.resolve("talkback").toAbsolutePath());
  }

  @Test
  void aMistypedH2Path_isReported_andNoDatabaseIsLeftThere() {
    Path missing = dir.resolve("typo").resolve("talkback");
    String url = "jdbc:h2:file:" + missing.toAbsolutePath();

    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url)).isEqualTo(1);
    assertThat(err()).isEqualTo("talkback: error: there is no H2 database at " + url
        + ": check --jdbc-url; talkback import creates it" + System.lineSeparator());
    assertThat(run(false, "author", "erase", "--jdbc-url", url, "--email", "a@example.org", "--yes")).isEqualTo(1);
    assertThat(err()).contains("there is no H2 database at").doesNotContain("erased");
    assertThat(dir.resolve("typo")).doesNotExist();

    // the import creates it, and then the same commands find it
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, file.toString())).isEqualTo(0);
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url)).isEqualTo(0);
    assertThat(out()).contains("\"type\":\"comment\"");
  }

  @Test
  void aBadThreadCountOrTablePrefix_isAUsageError() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, "--threads", "0", file.toString()))
        .isEqualTo(2);
    assertThat(err()).startsWith("Invalid value for option '--threads': parallelism must be between 1 and 64: 0")
        .doesNotContain("Exception");
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, "--threads", "two", file.toString()))
        .isEqualTo(2);
    assertThat(err()).startsWith("Invalid value for option '--threads': 'two' is not a whole number");
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, "--table-prefix", "Blog Comments;",
        file.toString())).isEqualTo(2);
    assertThat(err()).startsWith("Invalid value for option '--table-prefix': table prefix must be empty or up to 24"
        + " lower-case letters");
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url, "--table-prefix", "1x_"))
        .isEqualTo(2);
    assertThat(err()).contains("table prefix must be");
    assertThat(dir.resolve("talkback.mv.db")).as("nothing opened for a usage error").doesNotExist();
  }

  @Test
  void import_dryRun_findsAParentFromAnEarlierFileInTheDatabase_andChecksTheConnection() {
    String[] lines = CliFixtures.DISQUS.split("\n");
    // lines: 0 xml, 1 disqus, 2 thread, 3 post 11, 4 post 12 (a reply to 11), 5 post 13, 6 end
    Path partA = CliFixtures.write(dir, "a.xml", String.join("\n", lines[0], lines[1], lines[2], lines[3], lines[6]));
    Path partB = CliFixtures.write(dir, "b.xml", String.join("\n", lines[0], lines[1], lines[2], lines[4], lines[6]));
    String url = CliFixtures.h2(dir);
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, partA.toString())).isEqualTo(0);

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, "--dry-run", partB.toString()))
        .isEqualTo(0);
    assertThat(out()).contains("Dry run of disqus: 1 comments").contains("replies without parent (imported top-level): 0");
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, partB.toString())).isEqualTo(0);
    assertThat(out()).contains("replies without parent (imported top-level): 0");

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none",
        "--dry-run", partB.toString())).isEqualTo(1);
    assertThat(err()).startsWith("talkback: error: ").contains("cannot be reached");
  }

  @Test
  void import_isso_storesItsComments() {
    Path file = CliFixtures.write(dir, "isso.json", CliFixtures.ISSO);
    String url = CliFixtures.h2(dir);

    assertThat(run(false, "import", "--format", "isso", "--jdbc-url", url, file.toString())).as(err()).isEqualTo(0);
    assertThat(out()).contains("Imported isso: 2 comments in 1 threads (2 new, 0 already stored)");

    assertThat(run(false, "import", "--format", "ISSO", "--jdbc-url", url, file.toString())).isEqualTo(0);
    assertThat(out()).contains("(0 new, 2 already stored)");
  }

  @Test
  void import_badFile_failsWithThePosition() {
    Path file = CliFixtures.write(dir, "bad.xml", CliFixtures.DISQUS.substring(0, 400));

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", CliFixtures.h2(dir), file.toString()))
        .isEqualTo(1);
    assertThat(err()).startsWith("talkback: error: line ");
  }

  @Test
  void import_missingFile_failsWithAMessage() {
    assertThat(run(false, "import", "--format", "wxr", "--jdbc-url", CliFixtures.h2(dir),
        dir.resolve("nope.xml").toString())).isEqualTo(1);
    assertThat(err()).contains("no such file").contains("nope.xml");
  }

  @Test
  void import_unreachableDatabase_failsWithAMessage() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none",
        file.toString())).isEqualTo(1);
    assertThat(err()).startsWith("talkback: error: ");
  }

  @Test
  void aWrongPassword_saysTheDatabaseRefusedIt() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir); // H2 creates the database with the first user and password it is given
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, "--user", "sa", "--password", "pw",
        file.toString())).isEqualTo(0);

    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url, "--user", "sa", "--password",
        "wrong")).isEqualTo(1);
    assertThat(err()).startsWith("talkback: error: the database refused the user name or password (")
        .contains("Wrong user name or password").contains("--password").doesNotContain("cannot be reached");
    assertThat(out()).isEmpty();
  }

  @Test
  void exportOrErase_onADatabaseWithoutTalkbackTables_saysSoAndCreatesNone() throws Exception {
    String url = CliFixtures.h2(dir);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) { // a database, none of our tables
      c.createStatement().execute("CREATE TABLE other_app (id INT)");
    }

    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url)).isEqualTo(1);
    assertThat(err()).startsWith("talkback: error: this database has no Talkback tables with the prefix 'talkback_'")
        .contains("--table-prefix");
    assertThat(run(false, "author", "erase", "--jdbc-url", url, "--email", "a@example.org", "--yes")).isEqualTo(1);
    assertThat(err()).contains("no Talkback tables");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.ResultSet tables = c.getMetaData().getTables(null, null, "TALKBACK%", null)) {
      assertThat(tables.next()).as("no table was created").isFalse();
    }
  }

  @Test
  void import_aDirectory_saysSo() {
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", CliFixtures.h2(dir), dir.toString()))
        .isEqualTo(1);
    assertThat(err()).isEqualTo("talkback: error: " + dir + " is a directory: give the export file itself"
        + System.lineSeparator());
  }

  @Test
  void aUrlNoDriverTakes_namesTheFormsThatWork() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", "jdbc:mysql://127.0.0.1/blog",
        file.toString())).isEqualTo(1);
    assertThat(err()).startsWith("talkback: error: no JDBC driver in talkback.jar takes the URL"
        + " 'jdbc:mysql://127.0.0.1/blog'").contains("jdbc:mariadb://HOST/DB (MariaDB, and MySQL too)")
        .doesNotContain("Exception");
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", "postgresql://db/blog")).isEqualTo(1);
    assertThat(err()).contains("no JDBC driver").doesNotContain("Exception");

    // a URL with credentials in it is not echoed with them
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url",
        "jdbc:mysql://ada:s3cret@127.0.0.1/blog?user=ada&password=s3cret")).isEqualTo(1);
    assertThat(err()).contains("'jdbc:mysql://127.0.0.1/blog?...'").doesNotContain("s3cret");
    assertThat(Database.shown("jdbc:mysql://ada:s3c;r?et@127.0.0.1:3306/blog;x=1")).isEqualTo("jdbc:mysql://127.0.0.1:3306/blog;...");
    assertThat(Database.shown("jdbc:h2:./data/talkback")).isEqualTo("jdbc:h2:./data/talkback");
  }

  @Test
  void export_failingHalfWay_leavesNoPartFile() throws IOException {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, file.toString())).isEqualTo(0);
    // the threads table is gone, the comments table is there: the export fails once it reads a thread
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement st = c.createStatement()) {
      st.execute("DROP TABLE talkback_threads");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }

    Path out = dir.resolve("site.jsonl");
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url, "--out", out.toString()))
        .isEqualTo(1);
    assertThat(err()).startsWith("talkback: error: the database refused the work: Table \"TALKBACK_THREADS\" not"
        + " found").doesNotContain("SELECT").doesNotContain("\tat ").hasLineCount(1);
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("site.jsonl.part")).doesNotExist();
  }

  @Test
  void aBadSite_isAUsageError() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);

    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", CliFixtures.h2(dir), "--site", "my blog",
        file.toString())).isEqualTo(2);
    assertThat(err()).startsWith("Invalid value for option '--site': site id must be 1 to 64 characters")
        .doesNotContain("Exception");
    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", CliFixtures.h2(dir), "--site", ""))
        .isEqualTo(2);
    assertThat(run(false, "author", "export", "--email", "a@example.org", "--jdbc-url", CliFixtures.h2(dir),
        "--site", "a/b")).isEqualTo(2);
    assertThat(err()).contains("site id must be");
  }

  @Test
  void export_wxrWithALinkBase_givesThreadsWithoutAUrlAnAbsoluteLink() {
    // Isso keys a thread by the page's path and has no URL: Disqus wants an absolute one in <link>
    Path file = CliFixtures.write(dir, "isso.json", "[{\"id\":\"/posts/one/\",\"title\":\"One\",\"comments\":"
        + "[{\"id\":\"1\",\"author\":\"Ann\",\"email\":\"\",\"website\":\"\",\"remote_addr\":\"\","
        + "\"created\":\"2019-04-01 10:00:00\",\"text\":\"Hello there\"}]}]");
    String url = CliFixtures.h2(dir);
    assertThat(run(false, "import", "--format", "isso", "--jdbc-url", url, file.toString())).isEqualTo(0);

    assertThat(run(false, "export", "--format", "wxr", "--jdbc-url", url, "--link-base", "https://blog.example/"))
        .isEqualTo(0);
    assertThat(out()).contains("<link>https://blog.example/posts/one/</link>");

    assertThat(run(false, "export", "--format", "wxr", "--jdbc-url", url, "--link-base", "blog.example")).isEqualTo(2);
    assertThat(err()).startsWith("Invalid value for option '--link-base': the link base must be an absolute http")
        .doesNotContain("Exception");
  }

  @Test
  void usageErrors_exitWith2() {
    assertThat(run(false, "import", "--format", "haloscan", "--jdbc-url", "x", "f")).isEqualTo(2);
    assertThat(err()).contains("unknown format 'haloscan'");
    assertThat(run(false, "export", "--format", "talkback")).isEqualTo(2);
    assertThat(err()).contains("--jdbc-url");
    assertThat(run(false)).as(err()).isEqualTo(2);
  }

  @Test
  void progress_onATerminal_drawsABar() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);

    assertThat(run(true, "import", "--format", "disqus", "--jdbc-url", CliFixtures.h2(dir), file.toString()))
        .isEqualTo(0);
    assertThat(err()).contains("\rstored [##############################] 3/3");
  }

  @Test
  void progress_onATerminalInADryRun_saysNothingIsStored() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);

    assertThat(run(true, "import", "--format", "disqus", "--jdbc-url", CliFixtures.h2(dir), "--dry-run",
        file.toString())).isEqualTo(0);
    assertThat(err()).contains("\rchecked (dry run, nothing stored) [##############################] 3/3")
        .doesNotContain("stored [");
  }

  @Test
  void author_exportThenErase_tombstonesAndLogs() throws IOException {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, file.toString())).isEqualTo(0);

    Path mine = dir.resolve("mine.jsonl");
    assertThat(run(false, "author", "export", "--jdbc-url", url, "--email", "A@Example.org", "--out",
        mine.toString())).isEqualTo(0);
    java.util.List<String> lines = Files.readAllLines(mine);
    assertThat(lines).hasSize(3); // header, thread, the one comment
    assertThat(lines.get(2)).contains("\"email\":\"a@example.org\"").contains("first");
    assertThat(err()).contains("Exported 1 comments");

    assertThat(run(false, "author", "erase", "--jdbc-url", url, "--email", "a@example.org")).isEqualTo(0);
    assertThat(out()).contains("Would erase 1 comments").contains("--yes");
    assertThat(run(false, "author", "erase", "--jdbc-url", url, "--email", "a@example.org", "--by", "ops:ada",
        "--yes")).isEqualTo(0);
    assertThat(out()).contains("Erased 1 comments on site default: 0 removed, 1 kept as tombstones, 0 anonymized")
        .contains("by ops:ada");

    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url)).isEqualTo(0);
    assertThat(out()).doesNotContain("a@example.org").doesNotContain("first").contains("reply");
    assertThat(run(false, "author", "export", "--jdbc-url", url, "--email", "a@example.org")).isEqualTo(0);
    assertThat(out().lines()).hasSize(1);

    assertThat(run(false, "author", "erase", "--jdbc-url", url)).isEqualTo(2);
    assertThat(err()).contains("give --email, --user-id, or both");
    assertThat(run(false, "author", "erase", "--jdbc-url", url, "--user-id", "u", "--mode", "shred")).isEqualTo(2);
    assertThat(err()).contains("unknown mode 'shred'");
  }

  @Test
  void author_eraseAnonymize_keepsTheTextAndDropsTheName() {
    Path file = CliFixtures.write(dir, "disqus.xml", CliFixtures.DISQUS);
    String url = CliFixtures.h2(dir);
    assertThat(run(false, "import", "--format", "disqus", "--jdbc-url", url, file.toString())).isEqualTo(0);

    assertThat(run(false, "author", "erase", "--jdbc-url", url, "--email", "a@example.org", "--mode", "anonymize",
        "--by", "ops:ada", "--yes")).isEqualTo(0);
    assertThat(out()).contains("Erased 1 comments on site default: 0 removed, 0 kept as tombstones, 1 anonymized")
        .contains("by ops:ada");

    assertThat(run(false, "export", "--format", "talkback", "--jdbc-url", url)).isEqualTo(0);
    String first = out().lines().filter(l -> l.contains("first")).findFirst().orElseThrow();
    assertThat(first).doesNotContain("a@example.org").doesNotContain("\"name\":\"A\"");
    assertThat(out()).contains("\"name\":\"B\"").contains("reply");
    assertThat(run(false, "author", "export", "--jdbc-url", url, "--email", "a@example.org")).isEqualTo(0);
    assertThat(out().lines()).hasSize(1); // the header: nothing of hers is left to find
  }
}
