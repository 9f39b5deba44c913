package dev.talkback.examples.demoblog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Backoff after wrong passwords, per client address and per account. The {@link #FREE_FAILURES}th wrong
 * password in a row locks the client (and the account) out for {@link #FIRST_LOCKOUT}; each further one
 * doubles the lockout, up to {@link #MAX_LOCKOUT}. While locked out every attempt is refused,
 * a correct password too, and the caller answers 429 with {@code Retry-After}: nothing waits on a thread.
 *
 * <p>Memory is bounded: clients are kept in a least-recently-used map of at most {@code maxClients}
 * entries, and only known accounts are tracked (guessed names count against the client alone, so they
 * cannot flood the account map or evict the real account's record). Records unused for
 * {@link #FORGET_AFTER} start over. Threadsafe.
 */
final class LoginThrottle {
  /** Wrong passwords allowed before the first lockout. */
  static final int FREE_FAILURES = 5;
  /** The first lockout; each further failure doubles it. */
  static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
  /** The longest lockout. */
  static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);
  /** A record with no failure for this long is forgotten. */
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final Clock clock;
  private final Set<String> accounts;
  private final Map<String, Failures> clients;
  private final Map<String, Failures> byAccount = new HashMap<>();

  /**
   * A throttle reading time from {@code clock}, tracking the {@code accounts} that exist and at most
   * {@code maxClients} client addresses.
   */
  LoginThrottle(Clock clock, Set<String> accounts, int maxClients) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accounts = Set.copyOf(accounts);
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be positive: " + maxClients);
    }
    this.clients = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > maxClients;
      }
    };
  }

  /** How long {@code client} or {@code account} is still locked out; empty if an attempt may proceed. */
  synchronized Optional<Duration> lockedOut(String client, String account) {
    Instant now = clock.instant();
    Duration left = Duration.ZERO;
    for (Failures f : records(client, account)) {
      Duration d = Duration.between(now, f.lockedUntil());
      if (d.compareTo(left) > 0) {
        left = d;
      }
    }
    return left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Counts a wrong password from {@code client} for {@code account}. */
  synchronized void failed(String client, String account) {
    Instant now = clock.instant();
    clients.put(client, next(clients.get(client), now));
    if (accounts.contains(account)) {
      byAccount.put(account, next(byAccount.get(account), now));
    }
  }

  /** Forgets the failures of {@code client} and {@code account} after a correct password. */
  synchronized void succeeded(String client, String account) {
    clients.remove(client);
    byAccount.remove(account);
  }

  /** How many clients are tracked, for tests of the memory bound. */
  synchronized int trackedClients() {
    return clients.size();
  }

  private List<Failures> records(String client, String account) {
    List<Failures> found = new ArrayList<>(2);
    Optional.ofNullable(clients.get(client)).ifPresent(found::add);
    Optional.ofNullable(byAccount.get(account)).ifPresent(found::add);
    return found;
  }

  private static Failures next(@Nullable Failures previous, Instant now) {
    int count = previous == null || previous.last().plus(FORGET_AFTER).isBefore(now) ? 1 : previous.count() + 1;
    if (count < FREE_FAILURES) {
      return new Failures(count, now, now);
    }
    int doublings = Math.min(count - FREE_FAILURES, 30);
    Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << doublings);
    return new Failures(count, now, now.plus(lockout.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lockout));
  }

  /** The failures of one client or account: how many, the last one, and the end of the lockout. */
  private record Failures(int count, Instant last, Instant lockedUntil) {}
}
