package quire.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ExactScanTest {

    @Test
    void topKMatchesASortByScalarDotProduct() {
        Dataset data = Dataset.synthetic(500, 37, 5, 7);
        for (int q = 0; q < data.queryCount(); q++) {
            float[] query = data.query(q);
            int[] expected = IntStream.range(0, data.size()).boxed()
                    .sorted(Comparator.comparingDouble((Integer r) -> -scalar(data.row(r), query)))
                    .limit(10).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, ExactScan.topK(data.base(), data.dims(), query, 10, null));
        }
    }

    @Test
    void onlyAllowedRowsAreReturned() throws InterruptedException {
        Dataset data = Dataset.synthetic(300, 16, 20, 3);
        BitSet allowed = new BitSet();
        allowed.set(100, 104);
        int[][] truth = ExactScan.truth(data, 10, allowed, 2);
        for (int[] t : truth) {
            assertEquals(4, t.length);
            for (int r : t) {
                assertEquals(true, allowed.get(r));
            }
        }
    }

    @Test
    void syntheticRowsAreUnitVectorsAndBucketsSpread() {
        Dataset data = Dataset.synthetic(100, 384, 10, 1);
        assertEquals(1.0, scalar(data.row(42), data.row(42)), 1e-4);
        assertEquals(5, data.documents());
        long low = IntStream.range(0, 10_000).filter(d -> Dataset.bucket(d) < 10).count();
        assertEquals(1000, low, 100);
    }

    private static double scalar(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
