package quire.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Stats.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
        assertTrue(Double.isNaN(Stats.median(new double[0])));
    }

    @Test
    void percentileIsNearestRank() {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }
        assertEquals(50.0, Stats.percentile(values, 50));
        assertEquals(95.0, Stats.percentile(values, 95));
        assertEquals(100.0, Stats.percentile(values, 100));
        assertEquals(7.0, Stats.percentile(new double[] {7}, 95));
    }

    @Test
    void ratioIsEndToEndOverRawChunkRate() {
        // 100 chunks: 10 s end to end (10 ch/s), 8 s raw (12.5 ch/s) -> 0.8
        RunResult r = new RunResult(1, 20, 2, 100, 10.0, 1.0, 2.0, 8.0, 20.0, 15.0);
        assertEquals(0.8, r.ratio(), 1e-9);
        assertEquals(1.8, r.documentsPerSecond(), 1e-9);
        // 200 ms of CPU per chunk end to end, 150 ms raw -> 0.75
        assertEquals(200.0, r.endToEndCpuMillisPerChunk(), 1e-9);
        assertEquals(0.75, r.cpuRatio(), 1e-9);
    }
}
