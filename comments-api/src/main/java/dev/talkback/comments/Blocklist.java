package dev.talkback.comments;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Authors whose comments are refused: by email, by author key ({@link Author#key()}) or by IP hash.
 * Moderators add to it at run time ("block this author"), so unlike the rest of the configuration it is
 * mutable; it is safe to use from many threads. It lives in memory: a host that wants blocks to survive a
 * restart saves {@link #emails()}, {@link #authorKeys()} and {@link #ipHashes()} and adds them back.
 */
public final class Blocklist {
  private final Set<String> emails = ConcurrentHashMap.newKeySet();
  private final Set<String> authorKeys = ConcurrentHashMap.newKeySet();
  private final Set<String> ipHashes = ConcurrentHashMap.newKeySet();

  /** Blocks an email address (compared case-insensitively). */
  public Blocklist blockEmail(String email) {
    emails.add(email.strip().toLowerCase(Locale.ROOT));
    return this;
  }

  /** Blocks an author by {@link Author#key()}. */
  public Blocklist blockAuthorKey(String authorKey) {
    authorKeys.add(Objects.requireNonNull(authorKey, "authorKey"));
    return this;
  }

  /** Blocks the IP hash of a comment ({@link Comment#ipHash()}). */
  public Blocklist blockIpHash(String ipHash) {
    ipHashes.add(Objects.requireNonNull(ipHash, "ipHash"));
    return this;
  }

  /** Blocks everything known about a comment's author: key, email and IP hash. */
  public Blocklist blockAuthorOf(Comment comment) {
    comment.author().key().ifPresent(this::blockAuthorKey);
    if (comment.author().email() != null) {
      blockEmail(comment.author().email());
    }
    comment.ipHash().ifPresent(this::blockIpHash);
    return this;
  }

  /** Lifts a block on an email. */
  public boolean unblockEmail(String email) {
    return emails.remove(email.strip().toLowerCase(Locale.ROOT));
  }

  /** Lifts a block on an author key. */
  public boolean unblockAuthorKey(String authorKey) {
    return authorKeys.remove(authorKey);
  }

  /** Lifts a block on an IP hash. */
  public boolean unblockIpHash(String ipHash) {
    return ipHashes.remove(ipHash);
  }

  /** Whether an author posting from an address with this hash is blocked. */
  public boolean isBlocked(Author author, @Nullable String ipHash) {
    if (ipHash != null && ipHashes.contains(ipHash)) {
      return true;
    }
    if (author.email() != null && emails.contains(author.email().toLowerCase(Locale.ROOT))) {
      return true;
    }
    return author.key().map(authorKeys::contains).orElse(false);
  }

  /** The blocked emails, lower-cased; a snapshot. */
  public Set<String> emails() {
    return Set.copyOf(emails);
  }

  /** The blocked author keys; a snapshot. */
  public Set<String> authorKeys() {
    return Set.copyOf(authorKeys);
  }

  /** The blocked IP hashes; a snapshot. */
  public Set<String> ipHashes() {
    return Set.copyOf(ipHashes);
  }
}
