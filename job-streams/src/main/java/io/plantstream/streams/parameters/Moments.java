package io.plantstream.streams.parameters;

/**
 * Count, mean, sum of squared deviations, minimum and maximum of a series, updated one value at
 * a time (Welford) and merged exactly (Chan et al.), so an hour built from its minutes equals an
 * hour built from its samples.
 */
final class Moments {
    long count;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    void merge(Moments other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            count = other.count;
            mean = other.mean;
            m2 = other.m2;
            min = other.min;
            max = other.max;
            return;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / total;
        m2 += other.m2 + delta * delta * ((double) count * other.count / total);
        count = total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Population standard deviation of the values. */
    double stddev() {
        return count == 0 ? 0 : Math.sqrt(Math.max(0, m2 / count));
    }

    /** Sample standard deviation, the estimate of sigma from a baseline. */
    double sampleStddev() {
        return count < 2 ? 0 : Math.sqrt(Math.max(0, m2 / (count - 1)));
    }
}
