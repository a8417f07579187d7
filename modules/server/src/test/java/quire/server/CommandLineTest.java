package quire.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void parsesEveryOptionInBothSpellings() throws Exception {
        CommandLine c = CommandLine.parse("serve", "--port", "9000", "--data=/tmp/d", "--config", "q.yaml", "--host", "0.0.0.0");
        assertEquals(9000, c.port());
        assertEquals(Path.of("/tmp/d"), c.data());
        assertEquals(Path.of("q.yaml"), c.config());
        assertEquals("0.0.0.0", c.host());
        CommandLine bare = CommandLine.parse("serve");
        assertNull(bare.port());
        assertNull(bare.host());
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse());
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("start"));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("serve", "--port"));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("serve", "--port", "eighty"));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("serve", "--port", "70000"));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("serve", "--verbose", "x"));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("serve", "stray"));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("serve", "--data="));
    }

    @Test
    void reembedTakesDataAndConfigOnly() throws Exception {
        CommandLine c = CommandLine.parse("reembed", "--data", "/tmp/d", "--config=q.yaml");
        assertEquals(CommandLine.REEMBED, c.command());
        assertEquals(Path.of("/tmp/d"), c.data());
        assertEquals(Path.of("q.yaml"), c.config());
        assertEquals(CommandLine.SERVE, CommandLine.parse("serve").command());
        assertEquals(CommandLine.REEMBED, CommandLine.parse("reembed").command());
        CommandLine.UsageException e = assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse("reembed", "--port", "9000"));
        assertEquals("--port is an option of serve, not of reembed", e.getMessage());
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("reembed", "--host", "h"));
        assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("re-embed"));
    }
}
