package quire.plugin.chunker.recursive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import quire.spi.PluginException;
import quire.spi.SpiVersion;
import quire.spi.chunker.Chunker;
import quire.spi.chunker.ChunkerFactory;
import quire.spi.chunker.ChunkingOptions;
import quire.spi.chunker.TextChunk;
import quire.spi.parser.Section;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** Behaviour of the {@code recursive} chunker: fixed cases, then properties over random texts. */
class RecursiveChunkerTest {

    static Chunker chunker(int size, int overlap) {
        RecursiveChunkerFactory f = new RecursiveChunkerFactory();
        return f.create(TestingPluginConfig.of("quire.test", f.configProperties(),
                Map.of("chunk-size", Integer.toString(size), "chunk-overlap", Integer.toString(overlap))),
                TestingPluginContext.of(Path.of("."), f.id()));
    }

    static List<String> texts(List<TextChunk> chunks) {
        return chunks.stream().map(TextChunk::text).toList();
    }

    @Test
    void factoryDeclaresItselfAndItsConfig() {
        ChunkerFactory f = new RecursiveChunkerFactory();
        assertEquals("recursive", f.id());
        assertEquals(SpiVersion.CURRENT, f.spiVersion());
        assertEquals(List.of("chunk-size", "chunk-overlap"), f.configProperties().stream().map(p -> p.name()).toList());
        assertEquals("256", f.configProperties().get(0).defaultValue());
        assertEquals("32", f.configProperties().get(1).defaultValue());
        var descriptor = RecursiveChunkerFactory.class.getModule().getDescriptor();
        if (descriptor != null) {
            assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(ChunkerFactory.class.getName())));
        }
    }

    @Test
    void invalidConfigFailsWithTheKeyPath() {
        RecursiveChunkerFactory f = new RecursiveChunkerFactory();
        var ctx = TestingPluginContext.of(Path.of("."), f.id());
        PluginException e = assertThrows(PluginException.class, () -> f.create(
                TestingPluginConfig.of("quire.test", f.configProperties(), Map.of("chunk-size", "10", "chunk-overlap", "10")), ctx));
        assertTrue(e.getMessage().contains("quire.test.chunk-overlap"), e.getMessage());
        assertThrows(PluginException.class, () -> f.create(
                TestingPluginConfig.of("quire.test", f.configProperties(), Map.of("chunk-size", "0")), ctx));
    }

    @Test
    void emptyInputGivesNoChunks() {
        Chunker c = chunker(16, 4);
        ChunkingOptions o = new ChunkingOptions(16, 4, Counters::words);
        assertEquals(List.of(), c.chunk(List.of(), o));
        assertEquals(List.of(), c.chunk(List.of(Section.of(""), Section.of("  \n\n \t"), Section.page("\n", 3)), o));
    }

    @Test
    void shortTextIsOneChunkWithoutBoundaryWhitespace() {
        List<TextChunk> chunks = chunker(256, 32).chunk(List.of(Section.of("\n  Hello, world.  \n")),
                new ChunkingOptions(512, 32, Counters::quarterChars));
        assertEquals(List.of(new TextChunk(0, "Hello, world.", null, Map.of())), chunks);
    }

    @Test
    void overlapRepeatsTheLastWordsOfThePreviousChunk() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("w").append(i).append(' ');
        }
        List<String> chunks = texts(chunker(10, 3).chunk(List.of(Section.of(sb.toString())),
                new ChunkingOptions(10, 3, Counters::words)));
        assertEquals("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9", chunks.get(0));
        assertEquals("w7 w8 w9 w10 w11 w12 w13 w14 w15 w16", chunks.get(1));
        for (int k = 1; k < chunks.size(); k++) {
            List<String> prev = Arrays.asList(chunks.get(k - 1).split(" "));
            List<String> cur = Arrays.asList(chunks.get(k).split(" "));
            assertEquals(prev.subList(prev.size() - 3, prev.size()), cur.subList(0, 3), "chunk " + k);
            assertTrue(cur.size() <= 10);
        }
        assertTrue(chunks.getLast().endsWith("w99"));
    }

    @Test
    void prefersParagraphThenSentenceBoundaries() {
        String p1 = "Alpha beta gamma. Delta epsilon.";
        String p2 = "Zeta eta theta. Iota kappa lambda mu.";
        List<String> chunks = texts(chunker(6, 0).chunk(List.of(Section.of(p1 + "\n\n" + p2)),
                new ChunkingOptions(6, 0, Counters::words)));
        assertEquals(List.of(p1, "Zeta eta theta.", "Iota kappa lambda mu."), chunks);
    }

    @Test
    void runtimeLimitCapsTheConfiguredSizeAndOverlap() {
        String text = "one two three four five six seven eight nine ten ".repeat(20);
        Chunker big = chunker(50, 10);
        for (TextChunk ch : big.chunk(List.of(Section.of(text)), new ChunkingOptions(20, 2, Counters::words))) {
            assertTrue(Counters.words(ch.text()) <= 20);
        }
        Chunker small = chunker(10, 2);
        for (TextChunk ch : small.chunk(List.of(Section.of(text)), new ChunkingOptions(100, 30, Counters::words))) {
            assertTrue(Counters.words(ch.text()) <= 10);
        }
        List<String> noOverlap = texts(big.chunk(List.of(Section.of(text)), new ChunkingOptions(20, 0, Counters::words)));
        assertEquals(10, noOverlap.size(), "200 words / 20, no repetition");
    }

    @Test
    void pagesAreNeverMixedAndCarryTheirNumberAndMetadata() {
        List<Section> sections = List.of(
                Section.page("First page first part.", 1),
                Section.page("First page second part.", 1),
                Section.page("Second page text " + "word ".repeat(30), 2),
                new Section("Sheet text.", null, Map.of("sheet", "Totals")),
                Section.page("Third page.", 3));
        List<TextChunk> chunks = chunker(12, 3).chunk(sections, new ChunkingOptions(12, 3, Counters::words));
        assertEquals("First page first part.\n\nFirst page second part.", chunks.get(0).text());
        assertEquals(1, chunks.get(0).pageNumber());
        for (int k = 0; k < chunks.size(); k++) {
            TextChunk ch = chunks.get(k);
            assertEquals(k, ch.number());
            if (ch.text().contains("Second page") || ch.text().startsWith("word")) {
                assertEquals(2, ch.pageNumber());
                assertFalse(ch.text().contains("First") || ch.text().contains("Sheet"), ch.text());
            }
        }
        TextChunk sheet = chunks.stream().filter(ch -> ch.text().equals("Sheet text.")).findFirst().orElseThrow();
        assertEquals(Map.of("sheet", "Totals"), sheet.metadata());
        assertEquals(null, sheet.pageNumber());
        assertEquals("Third page.", chunks.getLast().text());
        assertEquals(3, chunks.getLast().pageNumber());
    }

    @Test
    void overLongWordIsHardSplitWithoutLosingCharacters() {
        String word = "x".repeat(5000);
        List<String> chunks = texts(chunker(16, 4).chunk(List.of(Section.of("before " + word + " after")),
                new ChunkingOptions(16, 4, Counters::quarterChars)));
        for (String c : chunks) {
            assertTrue(Counters.quarterChars(c) <= 16, c.length() + " chars");
        }
        String joined = String.join("", chunks).replace(" ", "");
        assertEquals("before" + word + "after", joined, "hard-split pieces carry no overlap, so they join back");
    }

    @Test
    void hardSplitKeepsSurrogatePairsAndCombiningMarksWhole() {
        String word = "\uD83D\uDE00e\u0301\u4E2D".repeat(400); // emoji, e + combining acute, CJK
        for (int size : new int[] {3, 4, 7, 16}) {
            List<String> chunks = texts(chunker(size, 0).chunk(List.of(Section.of(word)),
                    new ChunkingOptions(size, 0, Counters::quarterChars)));
            assertEquals(word, String.join("", chunks));
            for (String c : chunks) {
                assertTrue(Counters.quarterChars(c) <= size);
                assertFalse(Character.isLowSurrogate(c.charAt(0)), "split inside a surrogate pair");
                assertFalse(Character.isHighSurrogate(c.charAt(c.length() - 1)), "split inside a surrogate pair");
                assertTrue(Character.getType(c.codePointAt(0)) != Character.NON_SPACING_MARK, "chunk starts with a combining mark");
            }
        }
    }

    @Test
    void cjkSentencesSplitWithoutSpaces() {
        String text = "\u4ECA\u5929\u5929\u6C14\u5F88\u597D\u3002\u6211\u4EEC\u53BB\u516C\u56ED\u3002\u7136\u540E\u56DE\u5BB6\u3002";
        // one token per character
        ToIntFunction<String> perChar = s -> (int) s.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        List<String> chunks = texts(chunker(8, 0).chunk(List.of(Section.of(text)), new ChunkingOptions(8, 0, perChar)));
        assertEquals(List.of("\u4ECA\u5929\u5929\u6C14\u5F88\u597D\u3002", "\u6211\u4EEC\u53BB\u516C\u56ED\u3002",
                "\u7136\u540E\u56DE\u5BB6\u3002"), chunks);
    }

    @Test
    void workIsLinearOnTenMegabytes() {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder(10_500_000);
        while (sb.length() < 10_000_000) {
            appendRandomParagraph(sb, r, false);
        }
        String text = sb.toString();
        AtomicLong counted = new AtomicLong();
        List<TextChunk> chunks = chunker(256, 32).chunk(List.of(Section.of(text)),
                new ChunkingOptions(256, 32, Counters.metered(Counters::quarterChars, counted)));
        assertTrue(chunks.size() > 10_000_000 / (256 * 4 + 1), "chunks: " + chunks.size());
        assertTrue(counted.get() <= 8L * text.length(), "characters counted: " + counted.get() + " for " + text.length());

        // a megabyte with no separator at all (a base64 blob) goes straight to the hard cut
        String blob = "Qk".repeat(500_000);
        counted.set(0);
        List<TextChunk> blobChunks = chunker(256, 32).chunk(List.of(Section.of(blob)),
                new ChunkingOptions(256, 32, Counters.metered(Counters::wordPieceLike, counted)));
        assertEquals(blob, String.join("", texts(blobChunks)));
        assertTrue(counted.get() <= 8L * blob.length(), "characters counted: " + counted.get());
    }

    /**
     * A tokenizer call is the expensive part of chunking, so finding the overlap must not count
     * word by word (that was about 25 calls per chunk at the pipeline's settings, most of the
     * chunker's time): on prose at 256 tokens with an overlap of 32, the overlap adds a few calls
     * per chunk, and a WordPiece-like counter sees a handful of calls per chunk in all.
     */
    @Test
    void countsAFewTimesPerChunkNotOncePerWord() {
        Random r = new Random(11);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 300_000) {
            appendRandomParagraph(sb, r, false);
        }
        String text = sb.toString();
        for (ToIntFunction<String> counter : List.<ToIntFunction<String>>of(Counters::wordPieceLike, Counters::quarterChars,
                Counters::words)) {
            AtomicLong withoutOverlap = new AtomicLong();
            chunker(256, 32).chunk(List.of(Section.of(text)), new ChunkingOptions(256, 0, Counters.calls(counter, withoutOverlap)));
            AtomicLong calls = new AtomicLong();
            List<TextChunk> chunks = chunker(256, 32).chunk(List.of(Section.of(text)),
                    new ChunkingOptions(256, 128, Counters.calls(counter, calls)));
            int[] counts = checkChunks(text, chunks, 256, counter, "prose");
            assertTrue(counts[1] > counts[0] * 9 / 10, "chunks still overlap: " + counts[1] + " of " + counts[0]);
            double perChunk = (double) calls.get() / chunks.size();
            double forOverlap = (double) (calls.get() - withoutOverlap.get()) / chunks.size();
            System.out.printf("token counts per chunk: %.2f, of which %.2f for the overlap, over %d chunks%n",
                    perChunk, forOverlap, chunks.size());
            assertTrue(forOverlap <= 4, "token counts per chunk for the overlap: " + forOverlap);
            if (counter == (ToIntFunction<String>) Counters::wordPieceLike) {
                assertTrue(perChunk <= 6, "token counts per chunk: " + perChunk);
            }
        }
    }

    /** The overlap is the longest tail of whole words that fits, found by counting, not estimated. */
    @Test
    void overlapIsTheLongestTailThatFits() {
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder();
        // sentences of at most 20 short words (under 80 tokens), so the overlap budget is never cut by the next piece
        while (sb.length() < 60_000) {
            int words = 3 + r.nextInt(18);
            for (int w = 0; w < words; w++) {
                appendLetters(sb, r, 1 + r.nextInt(10));
                sb.append(w == words - 1 ? ". " : " ");
            }
        }
        String text = sb.toString().strip();
        ToIntFunction<String> counter = Counters::wordPieceLike;
        int overlap = 20;
        List<String> chunks = texts(chunker(256, overlap).chunk(List.of(Section.of(text)),
                new ChunkingOptions(256, overlap, counter)));
        int checked = 0;
        for (int k = 1; k < chunks.size(); k++) {
            List<String> prev = Arrays.asList(chunks.get(k - 1).split(" "));
            List<String> cur = Arrays.asList(chunks.get(k).split(" "));
            int n = 0;
            for (int m = Math.min(prev.size() - 1, cur.size()); m > 0; m--) {
                if (prev.subList(prev.size() - m, prev.size()).equals(cur.subList(0, m))) {
                    n = m;
                    break;
                }
            }
            assertTrue(n > 0, "chunk " + k + " overlaps the previous one");
            int cost = counter.applyAsInt(String.join(" ", prev.subList(prev.size() - n, prev.size()))) - 2;
            assertTrue(cost <= overlap, "chunk " + k + ": overlap of " + cost + " tokens");
            if (n + 1 < prev.size()) {
                int longer = counter.applyAsInt(String.join(" ", prev.subList(prev.size() - n - 1, prev.size()))) - 2;
                assertTrue(longer > overlap, "chunk " + k + ": a longer overlap of " + longer + " tokens fits");
                checked++;
            }
        }
        assertTrue(checked > 50, "overlaps checked: " + checked);
    }

    // ---- properties over random texts ----

    @Test
    void randomTextsKeepEveryWordInOrderWithinTheLimitAndOverlap() {
        List<ToIntFunction<String>> counters = List.of(Counters::words, Counters::quarterChars, Counters::wordPieceLike);
        int pairs = 0;
        int overlapping = 0;
        for (int seed = 0; seed < 120; seed++) {
            ToIntFunction<String> counter = counters.get(seed % counters.size());
            RandomCase c = RandomCase.of(seed, 0);
            String text = c.text();
            int size = c.size();
            int overlap = c.overlap();
            List<TextChunk> chunks = chunker(size, overlap).chunk(List.of(Section.of(text)),
                    new ChunkingOptions(size, overlap, counter));
            String where = "seed " + seed + " size " + size + " overlap " + overlap;
            int[] counts = checkChunks(text, chunks, size, counter, where);
            if (overlap >= 4) {
                pairs += counts[0];
                overlapping += counts[1];
            }
        }
        System.out.println("overlapping pairs: " + overlapping + " of " + pairs);
        assertTrue(pairs > 200, "enough consecutive pairs: " + pairs);
        assertTrue(overlapping > pairs / 2, "most consecutive chunks overlap: " + overlapping + " of " + pairs);
    }

    /**
     * A counter whose counts add up across whitespace (word counts, WordPiece-like) gives the very
     * same chunks when the chunker is told so, counting less text: whole chunks are not recounted
     * (hard-split pieces, which touch, still are).
     */
    @Test
    void countsThatAddUpGiveTheSameChunksWithFewerCounts() {
        long plainChars = 0;
        long addingChars = 0;
        for (ToIntFunction<String> counter : List.<ToIntFunction<String>>of(Counters::words, Counters::wordPieceLike)) {
            for (int seed = 0; seed < 120; seed++) {
                RandomCase c = RandomCase.of(seed, 1);
                String text = c.text();
                int size = c.size();
                int overlap = c.overlap();
                AtomicLong plain = new AtomicLong();
                AtomicLong adding = new AtomicLong();
                List<TextChunk> expected = chunker(size, overlap).chunk(List.of(Section.of(text)),
                        new ChunkingOptions(size, overlap, Counters.metered(counter, plain)));
                List<TextChunk> actual = chunker(size, overlap).chunk(List.of(Section.of(text)),
                        new ChunkingOptions(size, overlap, Counters.metered(counter, adding), true));
                String where = "seed " + seed + " size " + size + " overlap " + overlap;
                assertEquals(texts(expected), texts(actual), where);
                checkChunks(text, actual, size, counter, where);
                plainChars += plain.get();
                addingChars += adding.get();
            }
        }
        System.out.println("characters counted: " + addingChars + " adding up, " + plainChars + " recounting");
        assertTrue(addingChars < plainChars * 0.75, "characters counted: " + addingChars + " adding up, " + plainChars + " recounting");
    }

    /** A random text of paragraphs (Unicode included) with a random chunk size and overlap for it. */
    record RandomCase(String text, int size, int overlap) {
        static RandomCase of(int seed, int minParagraphs) {
            Random r = new Random(seed);
            int size = 8 + r.nextInt(120);
            int overlap = r.nextInt(Math.max(1, size / 3));
            StringBuilder sb = new StringBuilder();
            int paragraphs = minParagraphs + r.nextInt(12);
            for (int p = 0; p < paragraphs; p++) {
                appendRandomParagraph(sb, r, true);
            }
            return new RandomCase(sb.toString(), size, overlap);
        }
    }

    /** @return {consecutive pairs, overlapping pairs} */
    static int[] checkChunks(String text, List<TextChunk> chunks, int size, ToIntFunction<String> counter, String where) {
        int prevStart = -1;
        int prevEnd = 0;
        int pairs = 0;
        int overlapping = 0;
        for (int k = 0; k < chunks.size(); k++) {
            TextChunk ch = chunks.get(k);
            assertEquals(k, ch.number(), where);
            assertFalse(ch.text().isBlank(), where + ": empty chunk");
            assertEquals(ch.text().strip(), ch.text(), where + ": untrimmed chunk");
            assertTrue(counter.applyAsInt(ch.text()) <= size, where + ": chunk " + k + " has "
                    + counter.applyAsInt(ch.text()) + " tokens > " + size);
            int start = text.indexOf(ch.text(), prevStart + 1);
            assertTrue(start >= 0, where + ": chunk " + k + " is not a piece of the text in order");
            assertTrue(text.substring(prevEnd, Math.max(prevEnd, start)).isBlank(),
                    where + ": text lost between chunks " + (k - 1) + " and " + k);
            if (k > 0) {
                pairs++;
                if (start < prevEnd) {
                    overlapping++;
                }
            }
            prevStart = start;
            prevEnd = Math.max(prevEnd, start + ch.text().length());
        }
        assertTrue(text.substring(prevEnd).isBlank(), where + ": text lost at the end");
        return new int[] {pairs, overlapping};
    }

    private static final String[] UNICODE_WORDS = {
        "caf\u00e9", "na\u00efve", "\u4E2D\u6587\u5B57", "\uD83D\uDE00", "e\u0301t\u00e9", "\u0416\u0443\u043A", "\u05E9\u05DC\u05D5\u05DD"
    };

    static void appendRandomParagraph(StringBuilder sb, Random r, boolean unicode) {
        int sentences = 1 + r.nextInt(8);
        for (int s = 0; s < sentences; s++) {
            int words = 1 + r.nextInt(25);
            for (int w = 0; w < words; w++) {
                if (unicode && r.nextInt(12) == 0) {
                    sb.append(UNICODE_WORDS[r.nextInt(UNICODE_WORDS.length)]);
                } else if (r.nextInt(400) == 0) {
                    appendLetters(sb, r, 200 + r.nextInt(600)); // an over-long word
                } else {
                    appendLetters(sb, r, 2 + r.nextInt(9));
                }
                sb.append(r.nextInt(15) == 0 ? "\n" : " ");
            }
            sb.setLength(sb.length() - 1);
            sb.append(".!?".charAt(r.nextInt(3))).append(' ');
        }
        sb.append(r.nextBoolean() ? "\n\n" : "\n \r\n\t\n");
    }

    private static void appendLetters(StringBuilder sb, Random r, int n) {
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
    }
}
