package quire.api.http.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HeaderParametersTest {

    @Test
    void parsesTokensAndQuotedStrings() throws Exception {
        HeaderParameters parsed = HeaderParameters.parse(
                "form-data ;name=\"a;b=c\";  FileName = plain.txt ; x=\"\"; flag", "Content-Disposition");
        assertEquals("form-data", parsed.value());
        assertEquals(Map.of("name", "a;b=c", "filename", "plain.txt", "x", ""), parsed.parameters());
    }

    @Test
    void unescapesOnlyQuoteAndBackslash() throws Exception {
        HeaderParameters parsed = HeaderParameters.parse("form-data; name=\"a\\\"b\\\\c\\d\\\"\"", "h");
        assertEquals("a\"b\\c\\d\"", parsed.parameters().get("name"));
    }

    @Test
    void rejectsBrokenParameters() {
        for (String header : List.of("form-data; name=\"open", "form-data; name=\"a\" b", "form-data; =v",
                "form-data; name=a; NAME=b")) {
            assertThrows(MalformedMultipartException.class, () -> HeaderParameters.parse(header, "h"), header);
        }
    }

    @Test
    void decodesExtendedValues() throws Exception {
        assertEquals("€ x.pdf", HeaderParameters.decodeExtendedValue("UTF-8''%e2%82%ac%20x.pdf", "h"));
        assertEquals("naïve", HeaderParameters.decodeExtendedValue("utf-8'en'na%C3%AFve", "h"));
        assertEquals("ÿ", HeaderParameters.decodeExtendedValue("ISO-8859-1''%FF", "h"));
        assertEquals("é", HeaderParameters.decodeExtendedValue("UTF-8''é", "h"));
    }
}
