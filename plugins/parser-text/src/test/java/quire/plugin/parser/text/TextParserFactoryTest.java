package quire.plugin.parser.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;

import org.junit.jupiter.api.Test;

import quire.spi.ExtensionPoint;
import quire.spi.SpiVersion;
import quire.spi.parser.ParserFactory;

class TextParserFactoryTest {

    @Test
    void describesItself() {
        TextParserFactory factory = new TextParserFactory();
        assertEquals("text", factory.id());
        assertEquals(ExtensionPoint.PARSER, factory.extensionPoint());
        assertEquals(SpiVersion.CURRENT, factory.spiVersion());
        assertEquals(TextParserFactory.MAX_CHARACTERS, factory.configProperties().get(0).name());
    }

    @Test
    void moduleProvidesTheFactory() {
        Module module = TextParserFactory.class.getModule();
        org.junit.jupiter.api.Assumptions.assumeTrue(module.isNamed(), "tests run on the class path: module descriptor not checked");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(ParserFactory.class.getName())
            && p.providers().equals(java.util.List.of(TextParserFactory.class.getName()))), descriptor.toString());
    }
}
