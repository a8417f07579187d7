/** Quire parser: Office: DOCX, PPTX, XLSX with Apache POI. */
module quire.plugin.parser.office {
    requires quire.spi;
}
