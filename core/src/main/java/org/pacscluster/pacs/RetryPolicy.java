package org.pacscluster.pacs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a failed PACS request is tried again: exponential backoff with jitter, so that many
 * clients (or our own parallel downloads) do not hammer a recovering server in lock-step.
 *
 * @param maxAttempts  total tries of one request, ≥ 1 (1 = no retry)
 * @param initialDelay wait before the second try
 * @param maxDelay     cap of the wait between two tries
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    /** Six tries over about 15 s in total: rides out a PACS restart or a proxy hiccup. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(8));

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("retry attempts must be >= 1, got " + maxAttempts);
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= initial <= max");
        }
    }

    /**
     * The wait before try number {@code attempt + 1} after {@code attempt} failed tries (attempt ≥ 1): the
     * exponential step initial·2^(attempt-1), capped, then drawn uniformly from its upper half ("equal jitter").
     */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        long cap = maxDelay.toMillis();
        long step = initialDelay.toMillis() << Math.min(attempt - 1, 30);
        long exp = step <= 0 ? cap : Math.min(cap, step);
        long half = exp / 2;
        return Duration.ofMillis(half + (exp - half == 0 ? 0 : random.nextLong(exp - half + 1)));
    }
}
