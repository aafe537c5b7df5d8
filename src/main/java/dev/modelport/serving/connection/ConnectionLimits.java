package dev.modelport.serving.connection;

import dev.modelport.serving.ServingConfig;
import java.time.Duration;

/**
 * What a client must keep up with ({@code modelport.http.*}): a request's head complete within
 * {@code headerTimeout} of its first byte, and its body arriving at {@code minBodyBytesPerSecond} once that
 * long has passed (Apache's mod_reqtimeout rule: the body's deadline grows by a second per that many bytes).
 */
record ConnectionLimits(Duration headerTimeout, long minBodyBytesPerSecond) {
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    ConnectionLimits {
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("modelport.http.header-timeout must be positive, got " + headerTimeout);
        }
        if (minBodyBytesPerSecond <= 0) {
            throw new IllegalArgumentException("modelport.http.min-body-rate must be positive, got " + minBodyBytesPerSecond);
        }
    }

    static ConnectionLimits of(ServingConfig.HttpConfig config) {
        return new ConnectionLimits(config.headerTimeout(), config.minBodyRate().asLongValue());
    }

    /** How often a connection checks its deadlines: a deadline is noticed at most this late (a quarter second, or a quarter of a shorter timeout). */
    Duration checkEvery() {
        Duration quarter = headerTimeout.dividedBy(4);
        return quarter.compareTo(CHECK_EVERY) < 0 ? quarter : CHECK_EVERY;
    }
}
