package dev.talkback.comments.cli;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureMode;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.ExportFormat;
import dev.talkback.comments.io.Exporter;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.SitePosition;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code talkback author export|erase}: one person's data on a site (GDPR articles 15 and 17). */
@Command(name = "author", mixinStandardHelpOptions = true,
    description = "Export or erase one person's comments on a site (by email and/or host user id).",
    subcommands = {AuthorCommand.Export.class, AuthorCommand.Erase.class})
final class AuthorCommand implements Runnable {
  @Spec
  CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public void run() {
    CommandLine.Model.CommandSpec s = spec;
    if (s == null) {
      throw new IllegalStateException("picocli injects the spec");
    }
    throw new CommandLine.ParameterException(s.commandLine(), "name a command: export or erase");
  }

  /** The options that say whose data, on which site. */
  static final class Who {
    @Option(names = "--email", paramLabel = "EMAIL", description = "The person's email (compared ignoring case).")
    @Nullable String email;

    @Option(names = "--user-id", paramLabel = "ID", description = "The person's host user id.")
    @Nullable String userId;

    @Option(names = "--site", paramLabel = "S", defaultValue = "default", converter = SiteOption.class,
        description = "The site (default: ${DEFAULT-VALUE}).")
    String site = "default";

    AuthorMatch match(CommandLine cl) {
      if (email == null && userId == null) {
        throw new CommandLine.ParameterException(cl, "give --email, --user-id, or both");
      }
      try {
        return new AuthorMatch(email, userId);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
    }
  }

  /** {@code talkback author export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write every comment of one person on a site, any status, with their threads.")
  static final class Export implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    @Mixin
    Database database = new Database();

    @Mixin
    Who who = new Who();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "talkback",
        description = "talkback (JSON lines, default) or wxr.", converter = ExportCommand.FormatConverter.class)
    ExportFormat format = ExportFormat.TALKBACK;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
    @Nullable Path file;

    Export(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      AuthorMatch match = who.match(commandLine(spec));
      try (Database.Opened db = database.openExisting()) {
        Exporter exporter = Exporter.builder(db.store()).site(SiteId.of(who.site)).build();
        long n = ExportCommand.write(file, out, o -> exporter.exportAuthor(format, match, o));
        err.println("Exported " + n + " comments of that person on site " + who.site
            + (file == null ? "" : " to " + file));
      }
      return 0;
    }
  }

  /** {@code talkback author erase}. */
  @Command(name = "erase", mixinStandardHelpOptions = true,
      description = "Erase one person's comments on a site, and log the erasure. Without --yes, only says how"
          + " many comments it would erase.")
  static final class Erase implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    @Mixin
    Database database = new Database();

    @Mixin
    Who who = new Who();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "delete",
        description = "delete (default: remove; comments others replied to stay as empty tombstones) or"
            + " anonymize (keep the text, drop name, email, website, user id and hashes).")
    String mode = "delete";

    @Option(names = "--by", paramLabel = "WHO",
        description = "Who erases, for the log (default: cli:<your user name>). Not the person's email.")
    @Nullable String by;

    @Option(names = "--yes", description = "Erase; without it nothing changes.")
    boolean yes;

    Erase(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      CommandLine cl = commandLine(spec);
      AuthorMatch match = who.match(cl);
      ErasureMode erasureMode;
      try {
        erasureMode = ErasureMode.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, "unknown mode '" + mode + "': use delete or anonymize");
      }
      String actor = by != null ? by : "cli:" + System.getProperty("user.name", "unknown");
      SiteId site = SiteId.of(who.site);
      try (Database.Opened db = database.openExisting()) {
        CommentStore store = db.store();
        if (!yes) {
          long n = count(store, site, match);
          out.println("Would erase " + n + " comments of that person on site " + site.value() + " ("
              + erasureMode.name().toLowerCase(Locale.ROOT) + "); run again with --yes to erase them.");
          return 0;
        }
        ErasureRecord r = store.eraseAuthor(new ErasureRequest(UUID.randomUUID(), site, match, erasureMode,
            actor, Clock.systemUTC().instant()));
        out.println("Erased " + r.total() + " comments on site " + site.value() + ": " + r.deleted() + " removed, "
            + r.tombstoned() + " kept as tombstones, " + r.anonymized() + " anonymized. Logged as erasure "
            + r.id() + " by " + r.actor() + " at " + r.at() + ".");
      }
      return 0;
    }

    private static long count(CommentStore store, SiteId site, AuthorMatch match) {
      long n = 0;
      List<Comment> page = store.authorComments(site, match, null, 1000);
      while (!page.isEmpty()) {
        n += page.size();
        page = store.authorComments(site, match, SitePosition.of(page.get(page.size() - 1)), 1000);
      }
      return n;
    }
  }

  private static CommandLine commandLine(CommandLine.Model.@Nullable CommandSpec spec) {
    if (spec == null) {
      throw new IllegalStateException("picocli injects the spec");
    }
    return spec.commandLine();
  }
}
