package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.altcha.altcha.Altcha;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ALTCHA proof of work (protocol v1, SHA-256): issues challenges signed with a key derived from the server
 * secret, and verifies solutions: the HMAC (ALTCHA's library), the expiry (our clock) and single use (a
 * bounded in-process memory of used challenges, kept until they expire). No cookie, no third party.
 * Thread-safe.
 */
final class ProofOfWork {
  private static final Logger log = LoggerFactory.getLogger(ProofOfWork.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PAYLOAD_CHARS = 2048;

  private final String hmacKey;
  private final long complexity;
  private final Duration expiry;
  private final Clock clock;
  private final Cache<String, Boolean> used;

  ProofOfWork(Secrets secrets, long complexity, Duration expiry, Clock clock) {
    this.hmacKey = secrets.sign("altcha|challenge-key");
    this.complexity = complexity;
    this.expiry = expiry;
    this.clock = clock;
    this.used = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterWrite(expiry.multipliedBy(2)).build();
  }

  /** A new challenge as ALTCHA's JSON: algorithm, challenge, maxnumber, salt, signature. */
  ObjectNode challenge() {
    try {
      Altcha.ChallengeOptions o = new Altcha.ChallengeOptions()
          .setAlgorithm(Altcha.Algorithm.SHA256)
          .setMaxNumber(complexity)
          .setSecureRandomNumber(true)
          .setHmacKey(hmacKey)
          .setExpires(clock.instant().plus(expiry).getEpochSecond());
      Altcha.Challenge c = Altcha.createChallenge(o);
      ObjectNode n = Json.object();
      n.put("algorithm", c.algorithm);
      n.put("challenge", c.challenge);
      n.put("maxnumber", c.maxnumber);
      n.put("salt", c.salt);
      n.put("signature", c.signature);
      return n;
    } catch (Exception e) {
      throw new IllegalStateException("ALTCHA could not create a challenge", e);
    }
  }

  /** What a solution is worth. */
  enum Outcome {
    VALID,
    MISSING,
    INVALID,
    EXPIRED,
    REUSED
  }

  /**
   * Checks a solution: the base64 JSON payload the widget sends ({@code algorithm}, {@code challenge},
   * {@code number}, {@code salt}, {@code signature}). A valid one is used up.
   */
  Outcome verify(@Nullable String payload) {
    if (payload == null || payload.isBlank()) {
      return Outcome.MISSING;
    }
    if (payload.length() > MAX_PAYLOAD_CHARS) {
      return Outcome.INVALID;
    }
    Altcha.Payload p;
    try {
      JsonNode n = JSON.readTree(new String(Base64.getDecoder().decode(payload.strip()), StandardCharsets.UTF_8));
      p = new Altcha.Payload();
      p.algorithm = n.path("algorithm").asText("");
      p.challenge = n.path("challenge").asText("");
      p.number = n.path("number").canConvertToLong() ? n.path("number").asLong() : -1L;
      p.salt = n.path("salt").asText("");
      p.signature = n.path("signature").asText("");
    } catch (Exception e) {
      return Outcome.INVALID;
    }
    if (!"SHA-256".equals(p.algorithm) || p.number < 0 || p.number > complexity || p.salt.isEmpty()) {
      return Outcome.INVALID;
    }
    try {
      if (!Altcha.verifySolution(p, hmacKey, false)) {
        return Outcome.INVALID;
      }
      Map<String, String> params = Altcha.extractParams(p.salt);
      String expires = params.get("expires");
      if (expires == null || Long.parseLong(expires) < clock.instant().getEpochSecond()) {
        return Outcome.EXPIRED;
      }
    } catch (Exception e) {
      log.debug("an ALTCHA payload could not be verified", e);
      return Outcome.INVALID;
    }
    return used.asMap().putIfAbsent(p.signature, Boolean.TRUE) == null ? Outcome.VALID : Outcome.REUSED;
  }
}
