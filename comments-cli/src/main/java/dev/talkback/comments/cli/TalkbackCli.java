package dev.talkback.comments.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code talkback} command: {@code import} and {@code export} against a Talkback database given by its
 * JDBC URL (H2, PostgreSQL or MariaDB/MySQL; the drivers are in the jar). See {@code docs/import-export.md}.
 * Exit codes: 0 on success, 1 when the work failed (a bad file, an unreachable database), 2 on a usage
 * error.
 */
@Command(name = "talkback", mixinStandardHelpOptions = true, version = "talkback 0.1.0",
    description = "Import comments into a Talkback database, export them, and export or erase one person's data.",
    subcommands = {ImportCommand.class, ExportCommand.class, AuthorCommand.class})
public final class TalkbackCli implements Runnable {
  @Spec
  @Nullable CommandSpec spec;

  private TalkbackCli() {}

  /**
   * Runs the command line and exits with its code. Progress is drawn as a bar when the JVM has a console.
   *
   * @param args the command-line arguments
   */
  // Java 17 is the target: there a null console means no terminal. On JDK 22+ the console is never null, and
  // a redirected run gets the bar instead of plain lines: still readable, so no JDK-specific check is needed.
  @SuppressWarnings("SystemConsoleNull")
  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    // MariaDB's driver logs each refused login as a warning, once a pool's retry: the command's own line
    // says what the server said, once
    String mariadbErrors = "org.slf4j.simpleLogger.log.org.mariadb.jdbc.message.server.ErrorPacket";
    System.setProperty(mariadbErrors, System.getProperty(mariadbErrors, "error"));
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  /**
   * Runs the command line in this process.
   *
   * @param out where an export goes without {@code --out}, and the summary
   * @param err where progress and errors go
   * @param terminal whether {@code err} is a terminal (a progress bar) or not (plain progress lines)
   * @param args the command-line arguments
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    CommandLine cl = new CommandLine(new TalkbackCli(), new Factory(out, err, terminal));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof CommandLine.ParameterException) {
        err.println("talkback: " + e.getMessage());
        command.usage(err);
        return 2;
      }
      err.println("talkback: error: " + Errors.describe(e));
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    CommandSpec s = spec;
    if (s == null) {
      throw new IllegalStateException("picocli injects the spec");
    }
    throw new CommandLine.ParameterException(s.commandLine(), "name a command: import, export or author");
  }

  /** Gives the commands the streams of this run. */
  private static final class Factory implements CommandLine.IFactory {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    Factory(PrintStream out, PrintStream err, boolean terminal) {
      this.out = out;
      this.err = err;
      this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ImportCommand.class) {
        return type.cast(new ImportCommand(out, err, terminal));
      }
      if (type == ExportCommand.class) {
        return type.cast(new ExportCommand(out, err));
      }
      if (type == AuthorCommand.Export.class) {
        return type.cast(new AuthorCommand.Export(out, err));
      }
      if (type == AuthorCommand.Erase.class) {
        return type.cast(new AuthorCommand.Erase(out));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
