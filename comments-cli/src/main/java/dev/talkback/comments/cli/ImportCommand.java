package dev.talkback.comments.cli;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.ImportFormat;
import dev.talkback.comments.io.ImportProblem;
import dev.talkback.comments.io.ImportReport;
import dev.talkback.comments.io.Importer;
import dev.talkback.comments.io.ThreadKeyMapping;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code talkback import}. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a file of comments. The whole file is read and checked before anything is stored;"
        + " importing it again stores nothing twice.")
final class ImportCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "disqus, wxr, commento, isso, remark42 or talkback.", converter = FormatConverter.class)
  ImportFormat format = ImportFormat.TALKBACK;

  @Mixin
  Database database = new Database();

  @Option(names = "--site", paramLabel = "S", defaultValue = "default", converter = SiteOption.class,
      description = "The site to import into (default: ${DEFAULT-VALUE}).")
  String site = "default";

  @Option(names = "--dry-run", description = "Read and check the file, and look in the database for the parents of"
      + " replies from an earlier file, and report what would be imported; store nothing.")
  boolean dryRun;

  @Option(names = "--map", paramLabel = "FROM=TO",
      description = "Map post URLs to thread keys: a URL prefix with host (https://old.example/blog/=posts/) or a"
          + " path prefix (/blog/=posts/); repeatable, first match wins. Default: the URL's path.")
  List<String> map = new ArrayList<>();

  @Option(names = "--strip-trailing-slash", description = "Remove a trailing / from thread keys.")
  boolean stripTrailingSlash;

  @Option(names = "--source-name", paramLabel = "NAME",
      description = "The source's name in derived ids (default: the format); give two blogs different names.")
  String sourceName = "";

  @Option(names = "--threads", paramLabel = "N", converter = Threads.class,
      description = "How many threads of comments are sanitized and stored at once, 1 to 64 (default: the"
          + " number of processors, at least 2).")
  int threads = Importer.defaultParallelism();

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
  Path file = Path.of("");

  ImportCommand(PrintStream out, PrintStream err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory: give the export file itself");
    }
    ThreadKeyMapping.Builder keys = ThreadKeyMapping.builder().stripTrailingSlash(stripTrailingSlash);
    for (String m : map) {
      int eq = m.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--map needs FROM=TO: " + m);
      }
      keys.rule(m.substring(0, eq), m.substring(eq + 1));
    }
    Importer.Builder builder = Importer.builder().site(SiteId.of(site)).threadKeys(keys.build())
        .progress(new Progress(err, terminal)).parallelism(threads);
    if (!sourceName.isEmpty()) {
      builder.sourceName(sourceName);
    }
    long start = System.nanoTime();
    ImportReport report;
    if (dryRun) {
      // A dry run reads the database too, as the import will: a reply whose parent came in an earlier file is
      // found there, and a wrong URL or password is reported now. It creates no table: a database without
      // them has no earlier file to consult.
      try (Database.Opened db = database.openExisting()) {
        report = builder.store(db.store()).build().dryRun(format, file);
      } catch (Database.NoTables e) {
        err.println(e.noDatabase()
            ? "talkback: " + e.getMessage() + "; checking the file alone"
            : "talkback: the database has no Talkback tables yet (the import creates them):"
                + " no earlier file to look up parents in");
        report = builder.build().dryRun(format, file);
      }
    } else {
      try (Database.Opened db = database.open(threads + 1)) {
        report = builder.store(db.store()).build().importFile(format, file);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.print(report.summary());
    if (!dryRun) {
      out.printf(Locale.ROOT, "  time: %.1f s (%.0f comments/s)%n", seconds, report.comments() / Math.max(seconds, 1e-3));
    }
    if (dryRun) {
      out.printf(Locale.ROOT, "  time: %.1f s (%.0f comments/s checked)%n", seconds,
          report.comments() / Math.max(seconds, 1e-3));
    }
    if (dryRun && !report.byThread().isEmpty()) {
      out.println("  per thread:");
      report.byThread().forEach((k, n) -> out.println("    " + k.value() + ": " + n));
    }
    for (ImportProblem p : report.problems()) {
      out.println("  problem: " + p);
    }
    if (report.problemCount() > report.problems().size()) {
      out.println("  ... and " + (report.problemCount() - report.problems().size()) + " more problems");
    }
    return 0;
  }

  /** Checks {@code --threads} when the command line is read: a bad count is a usage error (exit code 2). */
  static final class Threads implements picocli.CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a whole number");
      }
      try {
        Importer.builder().parallelism(n);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
      return n;
    }
  }

  /** Accepts format names in any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ImportFormat> {
    @Override
    public ImportFormat convert(String value) {
      try {
        return ImportFormat.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "unknown format '" + value + "': use disqus, wxr, commento, isso, remark42 or talkback");
      }
    }
  }
}
