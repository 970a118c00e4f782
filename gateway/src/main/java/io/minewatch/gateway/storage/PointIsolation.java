package io.minewatch.gateway.storage;

import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;

/**
 * Stores a chunk of points, halving it whenever the store refuses it as invalid, until each invalid point is alone
 * and can be set aside: one bad point never keeps its valid neighbours out, nor blocks the points behind it. Shared by
 * {@link StorageWriter} (live batches) and {@link SpoolForwarder} (spooled ones).
 */
final class PointIsolation {

    /** One attempt to store a chunk; may fail for another reason {@code X} (an outage, a close). */
    @FunctionalInterface
    interface ChunkWrite<X extends Exception> {

        void write(PointChunk chunk) throws StoreRejectedException, X;
    }

    /** Takes a single point the store refused, with the store's reason. */
    @FunctionalInterface
    interface Refused {

        void refused(PointChunk single, String reason);
    }

    private PointIsolation() {
    }

    /** Stores what the store takes; returns how many points it refused (each handed to {@code refused}). */
    static <X extends Exception> int store(PointChunk chunk, ChunkWrite<X> write, Refused refused) throws X {
        try {
            write.write(chunk);
            return 0;
        } catch (StoreRejectedException e) {
            if (chunk.size() == 1) {
                refused.refused(chunk, e.getMessage());
                return 1;
            }
            int half = chunk.size() / 2;
            return store(chunk.slice(0, half), write, refused) + store(chunk.slice(half, chunk.size()), write, refused);
        }
    }

    /** The dead-letter record of a point the store refused. */
    static Rejection rejection(String storeName, PointChunk single, String reason, long atMillis) {
        return new Rejection(RejectReason.STORE_REJECTED, reason, "store:" + storeName, null, single.describeSingle(),
                atMillis);
    }
}
