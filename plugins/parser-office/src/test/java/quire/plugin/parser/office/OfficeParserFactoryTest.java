package quire.plugin.parser.office;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import quire.spi.ConfigProperty;
import quire.spi.ExtensionPoint;
import quire.spi.SpiVersion;
import quire.spi.parser.ParserFactory;

class OfficeParserFactoryTest {

    @Test
    void describesItself() {
        OfficeParserFactory factory = new OfficeParserFactory();
        assertEquals("office", factory.id());
        assertEquals(ExtensionPoint.PARSER, factory.extensionPoint());
        assertEquals(SpiVersion.CURRENT, factory.spiVersion());
        assertEquals(List.of("max-uncompressed-size", "max-entry-size", "min-inflate-ratio", "max-entries", "max-characters"), factory.configProperties().stream().map(ConfigProperty::name).toList());
    }

    @Test
    void moduleProvidesTheFactory() {
        Module module = OfficeParserFactory.class.getModule();
        Assumptions.assumeTrue(module.isNamed(), "tests run on the class path: module descriptor not checked");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(ParserFactory.class.getName())
            && p.providers().equals(List.of(OfficeParserFactory.class.getName()))), descriptor.toString());
    }
}
