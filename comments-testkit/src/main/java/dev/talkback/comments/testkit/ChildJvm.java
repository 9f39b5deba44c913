package dev.talkback.comments.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} run in a child JVM on this JVM's class path, for tests that prove what survives a
 * crash: the child prints a line for each thing it acknowledged, the test reads those lines, then
 * {@link #kill()}s it with SIGKILL (no shutdown hook, no finally block, no flush runs) and checks that
 * everything acknowledged is still there after a restart.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(PosterMain.class, dbUrl)) {
 *   assertThat(child.nextLine(Duration.ofSeconds(30))).isEqualTo("ready");
 *   List<String> acked = new ArrayList<>();
 *   while (acked.size() < 100) {
 *     acked.add(child.nextLine(Duration.ofSeconds(30)));
 *   }
 *   acked.addAll(child.kill());      // what it printed before it died counts too
 * }
 * // reopen the store and check every acknowledged id
 * }</pre>
 *
 * <p>The child's standard error goes to this JVM's. Lines are read on a daemon thread, so a test waits for
 * one with a deadline instead of blocking forever on a child that hangs. Not threadsafe: one test thread
 * drives one child.
 */
public final class ChildJvm implements AutoCloseable {
  /** Queued after the last line; no line read from the child holds a NUL and a line feed. */
  private static final String EOF = "\u0000end of output\n";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(this::readAll, "child-jvm-" + process.pid() + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass}'s {@code main} in a new JVM with this JVM's {@code java} and class path.
   *
   * @param mainClass a class with a {@code public static void main(String[])}
   * @param args its arguments
   * @return the running child; close it (or {@link #kill()} it) when done
   */
  public static ChildJvm start(Class<?> mainClass, String... args) {
    Objects.requireNonNull(mainClass, "mainClass");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM for " + mainClass.getName(), e);
    }
  }

  /**
   * The child's next line of standard output.
   *
   * @param timeout how long to wait for it
   * @return the line, without its line terminator
   * @throws AssertionError if no line comes within {@code timeout}, or the child's output ended
   */
  public String nextLine(Duration timeout) {
    String line;
    try {
      line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the child's output", e);
    }
    if (line == null) {
      throw new AssertionError("the child JVM printed nothing within " + timeout);
    }
    if (EOF.equals(line)) {
      lines.add(EOF);
      throw new AssertionError("the child JVM's output ended (exit code "
          + (process.isAlive() ? "none yet" : String.valueOf(process.exitValue())) + ")");
    }
    return line;
  }

  /**
   * Kills the child with SIGKILL ({@link ProcessHandle#destroyForcibly()}), waits until it is gone, and
   * returns every line it printed that {@link #nextLine} has not returned yet: the child may have
   * acknowledged more than the test read before the kill landed.
   *
   * @return the remaining lines, in order
   * @throws AssertionError if the child is still alive 30 s after the kill
   */
  public List<String> kill() {
    process.toHandle().destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the child JVM " + process.pid() + " survived SIGKILL for 30 s");
      }
      reader.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the child to die", e);
    }
    List<String> rest = new ArrayList<>();
    for (String line = lines.poll(); line != null && !EOF.equals(line); line = lines.poll()) {
      rest.add(line);
    }
    lines.add(EOF);
    return rest;
  }

  /**
   * Whether the child is still running.
   *
   * @return true until it exits or is killed
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the child if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void readAll() {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the pipe broke: the child is gone, which EOF below says
    } finally {
      lines.add(EOF);
    }
  }
}
