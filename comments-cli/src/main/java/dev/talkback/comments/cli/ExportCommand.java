package dev.talkback.comments.cli;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.ExportFormat;
import dev.talkback.comments.io.Exporter;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code talkback export}. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export a site's comments, every status, to a file or standard output.")
final class ExportCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "talkback or wxr.",
      converter = FormatConverter.class)
  ExportFormat format = ExportFormat.TALKBACK;

  @Mixin
  Database database = new Database();

  @Option(names = "--site", paramLabel = "S", defaultValue = "default", converter = SiteOption.class,
      description = "The site to export (default: ${DEFAULT-VALUE}).")
  String site = "default";

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
  @Nullable Path file;

  @Option(names = "--link-base", paramLabel = "URL", converter = LinkBase.class,
      description = "WXR only: the site's address (https://blog.example/), from which the link of a thread "
          + "whose URL was never saved is made (URL + key). Disqus wants every link to be the page's URL.")
  @Nullable String linkBase;

  ExportCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try (Database.Opened db = database.openExisting()) {
      Exporter.Builder b = Exporter.builder(db.store()).site(SiteId.of(site));
      if (linkBase != null) {
        b.linkBase(linkBase);
      }
      return export(b.build());
    }
  }

  private Integer export(Exporter exporter) {
    Path target = file;
    long n = write(target, out, o -> exporter.export(format, o));
    err.println("Exported " + n + " comments of site " + site + " as " + format.id()
        + (target == null ? "" : " to " + target));
    return 0;
  }

  /**
   * Runs {@code body} on {@code target}, or on {@code out} without one. A file is written beside the target
   * and moved into place when done, so a failure leaves no half file.
   */
  static long write(@Nullable Path target, PrintStream out, ToLongFunction<OutputStream> body) {
    if (target == null) {
      long n = body.applyAsLong(out);
      out.flush();
      return n;
    }
    Path tmp = target.toAbsolutePath().resolveSibling(target.getFileName() + ".part");
    long n;
    try {
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        n = body.applyAsLong(o);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + tmp, e);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("could not move the export to " + target, e);
      }
    } catch (RuntimeException | Error e) {
      // whatever failed (the database half-way, the disk), the half file goes: no FILE.part is left behind
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return n;
  }

  /** Accepts format names in any case. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      try {
        return ExportFormat.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("unknown format '" + value + "': use talkback or wxr");
      }
    }
  }

  /**
   * Checks {@code --link-base} when the command line is read, so a bad one is a usage error (exit code 2)
   * that says what it must be.
   */
  static final class LinkBase implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        Exporter.builder(new InMemoryCommentStore()).linkBase(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
