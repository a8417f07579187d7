/**
 * Quire parser {@code office}: DOCX, PPTX and XLSX with Apache POI. Every file passes a zip
 * pre-flight (entry count, declared sizes) and POI's own zip-bomb guards before any XML is
 * parsed; spreadsheets are streamed row by row.
 */
module quire.plugin.parser.office {
    requires quire.spi;
    requires org.apache.poi.poi;
    requires org.apache.poi.ooxml;
    requires java.xml;

    provides quire.spi.parser.ParserFactory with quire.plugin.parser.office.OfficeParserFactory;
}
