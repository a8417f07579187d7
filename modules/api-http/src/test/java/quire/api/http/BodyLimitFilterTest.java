package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class BodyLimitFilterTest {

    @Test
    void drainReadsARefusedBodyToItsEndWithinTheAllowance() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[300_000]);
        assertTrue(BodyLimitFilter.drain(in, 300_000));
        assertEquals(0, in.available(), "read to the end");
    }

    @Test
    void drainGivesUpPastTheAllowance() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[300_001]);
        assertFalse(BodyLimitFilter.drain(in, 300_000));
    }

    @Test
    void aBrokenBodyIsNotDrained() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("peer went away");
            }
        };
        assertFalse(BodyLimitFilter.drain(broken, 10));
    }
}
