/**
 * Quire usage: every tracked operation becomes a durable {@link quire.spi.storage.UsageRecord}
 * (spec §4.10). {@link quire.usage.UsageRecorder} takes records off the request path, writes them
 * to storage in batches, and flushes on demand and on close.
 */
module quire.usage {
    requires transitive quire.spi;

    exports quire.usage;
}
