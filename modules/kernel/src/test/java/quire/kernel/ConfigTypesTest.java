package quire.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import quire.spi.ConfigType;

/** The value syntaxes the README documents. */
class ConfigTypesTest {

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), ConfigTypes.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(30), ConfigTypes.parseDuration("30s"));
        assertEquals(Duration.ofMinutes(5), ConfigTypes.parseDuration("5m"));
        assertEquals(Duration.ofHours(1), ConfigTypes.parseDuration(" 1h "));
        assertEquals(Duration.ofDays(2), ConfigTypes.parseDuration("2d"));
        assertEquals(Duration.ofSeconds(30), ConfigTypes.parseDuration("PT30S"));
        assertEquals(Duration.ofSeconds(90), ConfigTypes.parseDuration("pt1m30s"));
        assertThrows(IllegalArgumentException.class, () -> ConfigTypes.parseDuration("30"));
        assertThrows(IllegalArgumentException.class, () -> ConfigTypes.parseDuration("5 minutes"));
    }

    @Test
    void sizes() {
        assertEquals(512, ConfigTypes.parseSize("512"));
        assertEquals(64L * 1024, ConfigTypes.parseSize("64KB"));
        assertEquals(100L * 1024 * 1024, ConfigTypes.parseSize("100MB"));
        assertEquals(2L * 1024 * 1024 * 1024, ConfigTypes.parseSize("2gb"));
        assertThrows(IllegalArgumentException.class, () -> ConfigTypes.parseSize("1.5MB"));
        assertThrows(IllegalArgumentException.class, () -> ConfigTypes.parseSize("-1"));
        assertThrows(ArithmeticException.class, () -> ConfigTypes.parseSize("99999999999TB"));
    }

    @Test
    void listsAndBooleans() {
        assertEquals(List.of("a", "b"), ConfigTypes.parseList(ConfigValue.text(" a, ,b ", "t")));
        assertEquals(List.of("x, y"), ConfigTypes.parseList(ConfigValue.list(List.of("x, y"), "t")));
        assertEquals(true, ConfigTypes.parseBoolean("TRUE"));
        assertThrows(IllegalArgumentException.class, () -> ConfigTypes.parseBoolean("yes"));
    }

    @Test
    void problemsDescribeTheExpectedForm() {
        assertNull(ConfigTypes.problem(ConfigType.INT, ConfigValue.text("42", "t")));
        assertEquals("an integer", ConfigTypes.problem(ConfigType.INT, ConfigValue.text("4x", "t")));
        assertNotNull(ConfigTypes.problem(ConfigType.DURATION, ConfigValue.text("soon", "t")));
        assertEquals("a single value (an integer), not a list",
                ConfigTypes.problem(ConfigType.INT, ConfigValue.list(List.of("1"), "t")));
        assertNull(ConfigTypes.problem(ConfigType.LIST, ConfigValue.list(List.of("1"), "t")));
    }
}
