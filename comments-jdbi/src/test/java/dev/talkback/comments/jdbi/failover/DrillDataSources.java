package dev.talkback.comments.jdbi.failover;

/** The pgjdbc settings the drill (and docs/fallback.md) use so that a dead or frozen server fails fast. */
final class DrillDataSources {
  /**
   * connectTimeout: TCP connect (s); loginTimeout: connect plus authentication and startup (s), which is
   * what catches a frozen server that still accepts TCP connections; socketTimeout: any read on an open
   * connection (s), which frees a thread stuck on a server frozen mid-query; tcpKeepAlive: notices a dead
   * peer on idle pooled connections.
   */
  static final String FAIL_FAST = "connectTimeout=2&loginTimeout=3&socketTimeout=5&tcpKeepAlive=true";

  private DrillDataSources() {}
}
