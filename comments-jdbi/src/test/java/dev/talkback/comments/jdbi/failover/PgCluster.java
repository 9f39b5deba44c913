package dev.talkback.comments.jdbi.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL primary and streaming replica, made by the test itself from the PostgreSQL
 * installed on the machine ({@code /usr/lib/postgresql/<version>/bin}): {@code initdb}, {@code pg_ctl},
 * {@code pg_basebackup -R}, on free ports, in a temporary directory. Run as the {@code postgres} user when
 * the JVM runs as root (PostgreSQL refuses to run as root).
 *
 * <p>Faults: {@link #crash} ({@code pg_ctl stop -m immediate}: every process exits without a checkpoint,
 * as after a kill), {@link #freeze} and {@link #thaw} (SIGSTOP and SIGCONT to the postmaster and every
 * backend: the ports still accept TCP connections, nothing answers), {@link #promote}.
 */
final class PgCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PgCluster.class);

  final Path dir;
  private final Path bin;
  private final boolean asPostgres;
  private final List<Server> servers = new ArrayList<>();

  /** One server of the cluster. */
  final class Server {
    final String name;
    final Path data;
    final int port;
    boolean frozen;

    Server(String name, Path data, int port) {
      this.name = name;
      this.data = data;
      this.port = port;
    }

    String jdbcUrl(String params) {
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres" + (params.isEmpty() ? "" : "?" + params);
    }

    void start() {
      pgCtl("start", "-w", "-t", "60", "-l", data.resolveSibling(name + ".log").toString(),
          "-o", "-p " + port);
    }

    void crash() {
      pgCtl("stop", "-m", "immediate", "-w");
    }

    void promote() {
      pgCtl("promote", "-w", "-t", "60");
    }

    void freeze() {
      signal("STOP");
      frozen = true;
    }

    void thaw() {
      signal("CONT");
      frozen = false;
    }

    void stopQuietly() {
      try {
        if (frozen) {
          thaw();
        }
        if (Files.exists(data.resolve("postmaster.pid"))) {
          pgCtl("stop", "-m", "immediate", "-w");
        }
      } catch (RuntimeException e) {
        log.warn("Could not stop {}: {}", name, e.getMessage());
      }
    }

    private void pgCtl(String... args) {
      List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString()));
      cmd.addAll(List.of(args));
      run(cmd, Duration.ofSeconds(90));
    }

    /**
     * The postmaster and every process it started, frozen or thawed together. The postmaster first, so it
     * forks nothing meanwhile; a child that exits between listing and signalling is no error.
     */
    private void signal(String sig) {
      long pid = postmasterPid();
      runAsIs(List.of("kill", "-" + sig, String.valueOf(pid)), Duration.ofSeconds(10));
      List<String> children = new ArrayList<>();
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> children.add(String.valueOf(d.pid()))));
      if (!children.isEmpty()) {
        runAsIs(List.of("sh", "-c", "kill -" + sig + " " + String.join(" ", children) + " 2>/dev/null; exit 0"),
            Duration.ofSeconds(10));
      }
    }

    private long postmasterPid() {
      try {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return name + "@" + port;
    }
  }

  private PgCluster(Path bin) throws IOException {
    this.bin = bin;
    this.asPostgres = "root".equals(System.getProperty("user.name"));
    this.dir = Files.createTempDirectory("talkback-drill-");
    if (asPostgres) {
      runAsIs(List.of("chown", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
    }
  }

  /** The bin directory of the newest PostgreSQL installed, if any. */
  static Optional<Path> installedBin() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_basebackup")))
          .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Creates and starts a primary, then a replica streaming from it through {@code replicationPort} (a
   * proxy in front of the primary, or the primary's own port).
   *
   * @param replicationProxy given the primary's port, returns the port the replica should stream from
   */
  static PgCluster start(Path bin, java.util.function.IntUnaryOperator replicationProxy) throws IOException {
    PgCluster c = new PgCluster(bin);
    try {
      Server primary = c.new Server("primary", c.dir.resolve("primary"), freePort());
      c.servers.add(primary);
      c.run(List.of(bin.resolve("initdb").toString(), "-D", primary.data.toString(), "-U", "postgres",
          "--auth=trust", "-E", "UTF8", "--no-sync"), Duration.ofSeconds(120));
      c.appendConf(primary.data, String.join("\n",
          "listen_addresses = '127.0.0.1'",
          "unix_socket_directories = '" + c.dir + "'",
          "wal_level = replica",
          "max_wal_senders = 5",
          "hot_standby = on",
          "fsync = off", // a process crash keeps the page cache; nothing here survives a machine crash anyway
          "synchronous_commit = on",
          "wal_sender_timeout = 5s",
          "wal_receiver_timeout = 5s",
          "max_connections = 60",
          "shared_buffers = 32MB",
          ""));
      primary.start();
      int streamFrom = replicationProxy.applyAsInt(primary.port);
      Server replica = c.new Server("replica", c.dir.resolve("replica"), freePort());
      c.servers.add(replica);
      c.run(List.of(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(streamFrom),
          "-U", "postgres", "-D", replica.data.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync"),
          Duration.ofSeconds(120));
      replica.start();
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  Server primary() {
    return servers.get(0);
  }

  Server replica() {
    return servers.get(1);
  }

  private void appendConf(Path data, String lines) {
    // written by the postgres user, so ownership stays right
    run(List.of("sh", "-c", "cat >> '" + data.resolve("postgresql.conf") + "' <<'EOF'\n" + lines + "EOF\n"),
        Duration.ofSeconds(10));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Runs a PostgreSQL command, as postgres when we are root. */
  private void run(List<String> cmd, Duration timeout) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    runAsIs(full, timeout);
  }

  private void runAsIs(List<String> cmd, Duration timeout) {
    try {
      Path out = Files.createTempFile("talkback-drill-cmd-", ".log");
      try {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("failed with exit code " + p.exitValue() + ": " + String.join(" ", cmd)
              + "\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  /** The server logs, for a failed drill. */
  String logs() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().map(f -> {
        try {
          List<String> lines = Files.readAllLines(f);
          return "--- " + f.getFileName() + "\n"
              + lines.subList(Math.max(0, lines.size() - 40), lines.size()).stream().collect(Collectors.joining("\n"));
        } catch (IOException e) {
          return "--- " + f + ": " + e;
        }
      }).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    for (Server s : servers) {
      s.stopQuietly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }
}
