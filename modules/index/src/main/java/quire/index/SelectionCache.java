package quire.index;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * The selections of large candidate sets that queries repeat: the same folder, end user or
 * metadata filter, query after query. A repeated set is neither looked up document by document
 * again nor, from its second query on, scanned document by document: its sketch scans read a
 * contiguous copy ({@link PackedSketches}). Lucene's query cache does the same for filters it
 * sees often. The set is still the caller's to compute (the database resolves filters on every
 * query), so a metadata change can never leave a stale set here: what is cached is only the
 * index's side, and every write to the index empties the cache.
 *
 * <p>Keyed by the ids in the order given; a hit is confirmed id by id against a private copy of
 * them, all in one string (a copy, so that comparing costs the same whether or not the caller
 * hands the same strings again; one string, so that it is one allocation read in order). Holds
 * at most {@link #MAX_ENTRIES} selections and {@code budgetBytes} of copies of sketches, least
 * recently used dropped first; the ids and document lists it keeps besides are about 45 bytes a
 * document (under 10 MB for 32 selections of 5,000 documents). Thread-safe.
 */
final class SelectionCache {
    /** sets of fewer documents are looked up each time: cheap to look up, no faster from a copy */
    static final int MIN_DOCUMENTS = 256;
    static final int MAX_ENTRIES = 32;
    /** the default room for copies: ten filters of 100,000 chunks at 384 dimensions */
    static final long DEFAULT_BUDGET_BYTES = 64L << 20;

    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long budgetBytes = DEFAULT_BUDGET_BYTES;
    private long packedBytes;

    /** @param ids the ids one after another; id i ends at {@code ends[i]} */
    private record Entry(String ids, int[] ends, DocumentSelection selection) {
        boolean holds(Collection<String> given) {
            if (ends.length != given.size()) {
                return false;
            }
            int start = 0;
            int i = 0;
            for (String id : given) {
                int end = ends[i++];
                if (id.length() != end - start || !ids.regionMatches(start, id, 0, end - start)) {
                    return false;
                }
                start = end;
            }
            return true;
        }
    }

    /** @return a hash of the ids in order */
    static long fingerprint(Collection<String> ids) {
        long h = ids.size();
        for (String id : ids) {
            h = (h ^ id.hashCode()) * 0x9E37_79B9_7F4A_7C15L;
            h ^= h >>> 29;
        }
        return h;
    }

    /** @return whether sets of this size are cached (when the cache is on) */
    synchronized boolean caches(Collection<String> ids) {
        return budgetBytes > 0 && ids.size() >= MIN_DOCUMENTS;
    }

    /** @return the selection remembered for exactly these ids, in this order, made at this version; or null */
    synchronized DocumentSelection find(Collection<String> ids, long fingerprint, long version) {
        Entry entry = entries.get(fingerprint);
        return entry != null && entry.selection.version == version && entry.holds(ids) ? entry.selection : null;
    }

    synchronized void remember(Collection<String> ids, long fingerprint, DocumentSelection selection) {
        StringBuilder joined = new StringBuilder();
        int[] ends = new int[ids.size()];
        int i = 0;
        for (String id : ids) {
            ends[i++] = joined.append(id).length();
        }
        dropCopy(entries.put(fingerprint, new Entry(joined.toString(), ends, selection)));
        while (entries.size() > MAX_ENTRIES) {
            dropEldest();
        }
    }

    /**
     * Makes the selection's copy, dropping the least recently used copies to make room, unless it
     * has one. The caller holds the index's read lock, so the index does not change meanwhile.
     *
     * @return the copy, or null when it would not fit in the budget or the selection is no longer cached
     */
    synchronized PackedSketches pack(DocumentSelection selection, long bytes, Supplier<PackedSketches> copy) {
        if (selection.packed() != null) {
            return selection.packed();
        }
        if (bytes > budgetBytes || !holds(selection)) {
            return null;
        }
        while (packedBytes + bytes > budgetBytes) {
            if (!dropEldestCopy()) {
                return null;
            }
        }
        PackedSketches made = copy.get();
        packedBytes += made.bytes();
        selection.packed(made);
        return made;
    }

    /** Forgets everything: the index changed. */
    synchronized void clear() {
        entries.values().forEach(e -> e.selection.packed(null));
        entries.clear();
        packedBytes = 0;
    }

    /** Sets the room for copies; 0 turns the cache off. */
    synchronized void budget(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the cache budget must not be negative: " + bytes);
        }
        clear();
        budgetBytes = bytes;
    }

    synchronized long packedBytes() {
        return packedBytes;
    }

    synchronized int size() {
        return entries.size();
    }

    private boolean holds(DocumentSelection selection) {
        for (Entry e : entries.values()) {
            if (e.selection == selection) {
                return true;
            }
        }
        return false;
    }

    /** Drops the copy of the least recently used selection that has one. */
    private boolean dropEldestCopy() {
        for (Entry e : entries.values()) {
            if (dropCopy(e)) {
                return true;
            }
        }
        return false;
    }

    private void dropEldest() {
        Iterator<Entry> eldest = entries.values().iterator();
        dropCopy(eldest.next());
        eldest.remove();
    }

    /** Drops the entry's copy, if it has one, and gives its room back. @return whether it had one */
    private boolean dropCopy(Entry entry) {
        if (entry == null || entry.selection.packed() == null) {
            return false;
        }
        packedBytes -= entry.selection.packed().bytes();
        entry.selection.packed(null);
        return true;
    }
}
