package dev.talkback.comments.fallback;

import java.time.Clock;
import java.time.Duration;

/**
 * The immutable settings of a {@link FallbackCommentStore}, checked by {@link FallbackCommentStoreBuilder}.
 *
 * @param policy what new comments do while read-only
 * @param readDeadline longest read
 * @param writeDeadline longest write
 * @param probeDeadline longest probe
 * @param probeInterval time between probe rounds, before jitter
 * @param probeJitter fraction of the interval each delay varies by
 * @param retryAfter the hint {@link dev.talkback.comments.ReadOnlyException} carries
 * @param clock for the instants in health
 * @param listener hears events; never throws
 */
record Settings(
    WritePolicy policy,
    Duration readDeadline,
    Duration writeDeadline,
    Duration probeDeadline,
    Duration probeInterval,
    double probeJitter,
    Duration retryAfter,
    Clock clock,
    SafeListener listener) {}
