package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The expected texts are what CPython's {@code json.dumps} and {@code repr(float)} print. */
class PythonJsonTest {

    @Test
    void stringsAreEscapedAsJsonDumpsDoes() {
        assertEquals("\"plain text\"", PythonJson.string("plain text"));
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\"", PythonJson.string("a\"b\\c\n\r\t\b\f\u0001"));
        assertEquals("\"caf\\u00e9 \\u2014\"", PythonJson.string("caf\u00e9 \u2014"));
        assertEquals("\"\\ud83c\\udf0b\"", PythonJson.string("\uD83C\uDF0B"));
        assertEquals("\"\\u007f/<>\"", PythonJson.string("\u007f/<>"));
        assertEquals("\"\"", PythonJson.string(""));
    }

    @Test
    void floatsArePrintedAsPythonsRepr() {
        assertEquals("0.83", PythonJson.number(0.83));
        assertEquals("0.7123456789012345", PythonJson.number(0.7123456789012345));
        assertEquals("1.0", PythonJson.number(1.0));
        assertEquals("100.0", PythonJson.number(100.0));
        assertEquals("0.0", PythonJson.number(0.0));
        assertEquals("-0.0", PythonJson.number(-0.0));
        assertEquals("0.0001", PythonJson.number(0.0001));
        assertEquals("0.00012", PythonJson.number(0.00012));
        assertEquals("1e-05", PythonJson.number(0.00001));
        assertEquals("1.5e-07", PythonJson.number(1.5e-7));
        assertEquals("-2.5e-10", PythonJson.number(-2.5e-10));
        assertEquals("12345678.9", PythonJson.number(12345678.9));
        assertEquals("9999999999999998.0", PythonJson.number(9999999999999998.0));
        assertEquals("1e+16", PythonJson.number(1e16));
        assertEquals("1.2345e+20", PythonJson.number(1.2345e20));
    }
}
