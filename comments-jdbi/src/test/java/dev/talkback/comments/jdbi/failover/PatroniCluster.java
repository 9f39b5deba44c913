package dev.talkback.comments.jdbi.failover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway Patroni cluster: one etcd and {@code n} Patroni nodes, each managing a PostgreSQL server made
 * from the PostgreSQL installed on the machine ({@code /usr/lib/postgresql/<version>/bin}), on free ports,
 * in a temporary directory. Patroni bootstraps one node as the leader and the others as streaming replicas;
 * with a 10 s TTL it promotes a replica about 10 s after the leader stops renewing its key. Run as the
 * {@code postgres} user when the JVM runs as root (PostgreSQL refuses to run as root).
 *
 * <p>Faults, per node, as a machine would suffer them: {@link Node#kill} and {@link Node#removeData}
 * (Patroni and every PostgreSQL process killed with SIGKILL, then the data directory removed: a disk
 * failure), {@link Node#freeze} and
 * {@link Node#thaw} (SIGSTOP and SIGCONT to Patroni and every PostgreSQL process: the machine hangs, its
 * ports still accept TCP connections, then it comes back as if nothing happened).
 *
 * <p>The DCS is etcd's v2 API ({@code etcd:}), not {@code etcd3:}: Patroni 3.0.2 (Debian 12) with
 * {@code etcd3} lets a leader that was frozen past its TTL overwrite the leader key on waking and take the
 * leadership back from the replica promoted meanwhile, which then demotes itself and loses what it
 * acknowledged (fixed in Patroni 3.0.3, patroni/patroni#2689). docs/operations.md says so.
 */
final class PatroniCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PatroniCluster.class);
  /** Patroni's leader key TTL and loop, in seconds: the promotion comes about TTL seconds after a failure. */
  static final int TTL = 10;
  static final int LOOP_WAIT = 1;
  static final int RETRY_TIMEOUT = 4;

  final Path dir;
  private final Path bin;
  private final boolean asPostgres;
  private final List<Node> nodes = new ArrayList<>();
  private final int etcdPort;
  private Process etcd;

  /** One Patroni node and the PostgreSQL server it manages. */
  final class Node {
    final String name;
    final int port;
    final int restPort;
    final Path data;
    private Process patroni;
    private boolean frozen;
    private boolean destroyed;

    Node(String name, int port, int restPort) {
      this.name = name;
      this.port = port;
      this.restPort = restPort;
      this.data = dir.resolve(name);
    }

    /** The host and port, for a multi-host URL. */
    String hostPort() {
      return "127.0.0.1:" + port;
    }

    String jdbcUrl(String params) {
      return "jdbc:postgresql://" + hostPort() + "/postgres" + (params.isEmpty() ? "" : "?" + params);
    }

    /** A data source that opens a new connection each time, with short timeouts, for probes and checks. */
    PGSimpleDataSource direct() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(jdbcUrl("connectTimeout=1&loginTimeout=2&socketTimeout=3"));
      ds.setUser("postgres");
      return ds;
    }

    /** Whether PostgreSQL is in recovery (a replica), or empty if it does not answer. */
    Optional<Boolean> inRecovery() {
      if (destroyed || frozen) {
        return Optional.empty();
      }
      try (Connection c = direct().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
        rs.next();
        return Optional.of(rs.getBoolean(1));
      } catch (SQLException e) {
        return Optional.empty();
      }
    }

    boolean streaming() {
      try (Connection c = direct().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'")) {
        rs.next();
        return rs.getInt(1) == 1;
      } catch (SQLException e) {
        return false;
      }
    }

    /**
     * When Patroni last promoted a node, from the cluster history in the DCS (its REST API's
     * {@code /history}: timeline, LSN, reason, timestamp, new leader), as epoch milliseconds.
     */
    Optional<Long> lastPromotionMillis() {
      try {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + restPort + "/history"))
                .timeout(Duration.ofSeconds(2)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("\"(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+[+-]\\d\\d:\\d\\d)\"").matcher(r.body());
        String last = null;
        while (m.find()) {
          last = m.group(1);
        }
        return last == null ? Optional.empty()
            : Optional.of(java.time.OffsetDateTime.parse(last).toInstant().toEpochMilli());
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    void start() throws IOException {
      Path yml = dir.resolve(name + ".yml");
      writeAsOwner(yml, config(this));
      List<String> cmd = new ArrayList<>();
      if (asPostgres) {
        cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      cmd.addAll(List.of("patroni", yml.toString()));
      patroni = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve(name + "-patroni.log").toFile()).start();
    }

    /** The machine dies: Patroni and PostgreSQL killed with SIGKILL. */
    void kill() {
      signal("KILL", pids());
      destroyed = true;
    }

    /** Its disk is gone: the data directory removed (after {@link #kill}). */
    void removeData() {
      deleteTree(data);
    }

    /** The machine hangs: SIGSTOP to Patroni and to every PostgreSQL process. */
    void freeze() {
      signal("STOP", pids());
      frozen = true;
    }

    /** The machine comes back: SIGCONT to everything {@link #freeze} stopped. */
    void thaw() {
      signal("CONT", pids());
      frozen = false;
    }

    /**
     * Patroni (the {@code runuser} wrapper and the Python process under it), the postmaster (which Patroni
     * starts detached) and the postmaster's children. The postmaster comes first after Patroni, so it forks
     * nothing new while its children are signalled.
     */
    private List<Long> pids() {
      List<Long> pids = new ArrayList<>();
      if (patroni != null) {
        pids.add(patroni.pid());
        patroni.descendants().forEach(d -> pids.add(d.pid()));
      }
      postmasterPid().ifPresent(pm -> {
        pids.add(pm);
        ProcessHandle.of(pm).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
      });
      return pids;
    }

    private Optional<Long> postmasterPid() {
      try {
        List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
        return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
      } catch (IOException | NumberFormatException e) {
        return Optional.empty();
      }
    }

    private void signal(String sig, List<Long> pids) {
      if (pids.isEmpty()) {
        return;
      }
      // a process that exits between listing and signalling is no error
      runAsIs(List.of("sh", "-c", "kill -" + sig + " " + pids.stream().map(String::valueOf)
          .collect(Collectors.joining(" ")) + " 2>/dev/null; exit 0"), Duration.ofSeconds(10));
    }

    void stopQuietly() {
      try {
        if (frozen) {
          thaw();
        }
        if (!destroyed) {
          signal("KILL", pids());
        }
      } catch (RuntimeException e) {
        log.warn("Could not stop {}: {}", name, e.getMessage());
      }
    }

    @Override
    public String toString() {
      return name + "@" + port;
    }
  }

  private PatroniCluster(Path bin) throws IOException {
    this.bin = bin;
    this.asPostgres = "root".equals(System.getProperty("user.name"));
    this.dir = Files.createTempDirectory("talkback-patroni-");
    if (asPostgres) {
      runAsIs(List.of("chown", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
    }
    this.etcdPort = PgCluster.freePort();
  }

  /** Whether {@code patroni} and {@code etcd} are on the PATH. */
  static boolean installed() {
    return onPath("patroni") && onPath("etcd");
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    return Stream.of(path.split(java.io.File.pathSeparator)).map(p -> Path.of(p, command))
        .anyMatch(Files::isExecutable);
  }

  /**
   * Starts etcd, then {@code n} Patroni nodes at once, and waits until one is the leader and every other one
   * streams from it.
   */
  static PatroniCluster start(Path bin, int n, Duration timeout) throws IOException, InterruptedException {
    PatroniCluster c = new PatroniCluster(bin);
    try {
      c.startEtcd();
      for (int i = 0; i < n; i++) {
        c.nodes.add(c.new Node("pg" + i, PgCluster.freePort(), PgCluster.freePort()));
      }
      for (Node node : c.nodes) {
        node.start();
      }
      long end = System.nanoTime() + timeout.toNanos();
      while (!c.healthy()) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException("the Patroni cluster was not up within " + timeout + "\n" + c.logs());
        }
        Thread.sleep(250);
      }
      return c;
    } catch (IOException | RuntimeException | InterruptedException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Whether the cluster is whole again: exactly one node takes writes and every other node that still runs (not
   * killed, not frozen) is a replica streaming from it. A second fault before the replicas have followed the new
   * primary is a double failure Patroni does not promise to survive (a replica that is not streaming is no
   * failover candidate), so the drill waits for this before each fault.
   */
  boolean healthy() {
    int leaders = 0;
    int replicas = 0;
    int live = 0;
    for (Node node : nodes) {
      if (node.destroyed || node.frozen) {
        continue;
      }
      live++;
      Optional<Boolean> r = node.inRecovery();
      if (r.isEmpty()) {
        return false;
      }
      if (r.get()) {
        replicas += node.streaming() ? 1 : 0;
      } else {
        leaders++;
      }
    }
    return leaders == 1 && replicas == live - 1;
  }

  /** Each node's state as the drill sees it (killed, frozen, primary, streaming replica...), for a failure. */
  String states() {
    return nodes.stream().map(n -> n + ": " + (n.destroyed ? "killed" : n.frozen ? "frozen"
        : n.inRecovery().map(r -> r ? (n.streaming() ? "replica, streaming" : "replica, not streaming")
            : "primary").orElse("not answering")))
        .collect(Collectors.joining("; "));
  }

  private void startEtcd() throws IOException, InterruptedException {
    int peer = PgCluster.freePort();
    String client = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peer;
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of("etcd", "--name", "drill", "--data-dir", dir.resolve("etcd").toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
        "--initial-cluster", "drill=" + peerUrl, "--enable-v2=true"));
    etcd = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("etcd.log").toFile()).start();
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress("127.0.0.1", etcdPort), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > end || !etcd.isAlive()) {
          throw new IllegalStateException("etcd did not start\n" + logs(), e);
        }
        Thread.sleep(100);
      }
    }
  }

  /** Patroni's configuration for one node (docs: patroni.readthedocs.io, "YAML Configuration Settings"). */
  private String config(Node n) {
    return String.join("\n",
        "scope: talkback-drill",
        "namespace: /talkback/",
        "name: " + n.name,
        "restapi:",
        "  listen: 127.0.0.1:" + n.restPort,
        "  connect_address: 127.0.0.1:" + n.restPort,
        "etcd:",
        "  host: 127.0.0.1:" + etcdPort,
        "bootstrap:",
        "  dcs:",
        "    ttl: " + TTL,
        "    loop_wait: " + LOOP_WAIT,
        "    retry_timeout: " + RETRY_TIMEOUT,
        "    maximum_lag_on_failover: 1048576",
        "    postgresql:",
        // the drill reads a returning old primary's data afterwards to look for writes it took while stale;
        // pg_rewind would erase them. In production turn it on (docs/operations.md).
        "      use_pg_rewind: false",
        "      use_slots: true",
        "      parameters:",
        "        wal_level: replica",
        "        hot_standby: 'on'",
        "        wal_log_hints: 'on'",
        "        track_commit_timestamp: 'on'", // when each row was committed: stale writes are found by it
        "        max_wal_senders: 10",
        "        max_replication_slots: 10",
        "        max_connections: 100",
        "        shared_buffers: 32MB",
        "        wal_sender_timeout: 5s",
        "        wal_receiver_timeout: 5s",
        // a process crash keeps the page cache; nothing here survives a machine crash anyway
        "        fsync: 'off'",
        "  initdb:",
        "  - encoding: UTF8",
        "  - auth: trust",
        "  - no-sync",
        "  pg_hba:",
        "  - local all all trust",
        "  - host all all 127.0.0.1/32 trust",
        "  - host replication all 127.0.0.1/32 trust",
        "postgresql:",
        "  listen: 127.0.0.1:" + n.port,
        "  connect_address: 127.0.0.1:" + n.port,
        "  data_dir: " + n.data,
        "  bin_dir: " + bin,
        "  pgpass: " + dir.resolve(n.name + ".pgpass"),
        "  authentication:",
        "    superuser:",
        "      username: postgres",
        "    replication:",
        "      username: postgres",
        "    rewind:",
        "      username: postgres",
        "  parameters:",
        "    unix_socket_directories: '" + dir + "'",
        "");
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The node whose PostgreSQL takes writes now, if exactly one answers so. */
  Optional<Node> writable() {
    List<Node> w = nodes.stream().filter(n -> n.inRecovery().equals(Optional.of(false))).collect(Collectors.toList());
    return w.size() == 1 ? Optional.of(w.get(0)) : Optional.empty();
  }

  Node node(String name) {
    return nodes.stream().filter(n -> n.name.equals(name)).findFirst().orElseThrow();
  }

  /** Every node's host and port, comma-separated, for a pgjdbc multi-host URL. */
  String hosts() {
    return nodes.stream().map(Node::hostPort).collect(Collectors.joining(","));
  }

  private void writeAsOwner(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    if (asPostgres) {
      runAsIs(List.of("chown", "postgres:postgres", file.toString()), Duration.ofSeconds(10));
    }
  }

  private void runAsIs(List<String> cmd, Duration timeout) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", cmd));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  /** The last lines of every Patroni and etcd log, for a failed drill. */
  String logs() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().map(f -> {
        try {
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          return "--- " + f.getFileName() + "\n"
              + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
          return "--- " + f + ": " + e;
        }
      }).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not delete {}: {}", root, e.getMessage());
    }
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      n.stopQuietly();
    }
    if (etcd != null) {
      etcd.descendants().forEach(ProcessHandle::destroyForcibly);
      etcd.destroyForcibly();
    }
    deleteTree(dir);
  }
}
