package io.minewatch.gateway.storage;

/** How full the store-and-forward spool is, as far as the gateway's own alarm is concerned. */
public enum SpoolLevel {
    /** Below the high-water mark (or back below the restore mark after it). */
    NORMAL,
    /** At or above the high-water mark: the spool fills and will soon refuse readings. */
    HIGH_WATER,
    /** The spool refused a batch for lack of room: readings are no longer acknowledged (back-pressure). */
    FULL
}
