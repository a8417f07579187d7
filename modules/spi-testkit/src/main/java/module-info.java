/**
 * Test support for Quire's SPI: conformance suites ({@code BaseXxxTest}) that every implementation
 * of an extension point runs against itself, and small hand-written helpers
 * ({@link quire.spi.testkit.TestingPluginConfig}, {@link quire.spi.testkit.TestingPluginContext})
 * to create providers through their factories, and {@link quire.spi.testkit.PluginLayerProbe}, which
 * proves a packaged plugin loads as its own module layer in a fresh JVM (with
 * {@link quire.spi.testkit.BaseParserLayerTest} for parser plugins). It is an open module so JUnit can reflect on the
 * suites from any module or the class path.
 */
open module quire.spi.testkit {
    requires transitive quire.spi;
    requires transitive org.junit.jupiter.api;

    exports quire.spi.testkit;
}
