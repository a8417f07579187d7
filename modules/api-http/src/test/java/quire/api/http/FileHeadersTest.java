package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileHeadersTest {

    @Test
    void wellFormedTypesPassOthersBecomeOctetStream() {
        assertEquals("application/pdf", FileHeaders.contentType("application/pdf"));
        assertEquals("text/plain; charset=utf-8", FileHeaders.contentType(" text/plain; charset=utf-8 "));
        assertEquals("application/octet-stream", FileHeaders.contentType(null));
        assertEquals("application/octet-stream", FileHeaders.contentType("text/plain\r\nSet-Cookie: a=b"));
        assertEquals("application/octet-stream", FileHeaders.contentType("nonsense"));
        assertEquals("application/octet-stream", FileHeaders.contentType("text/plain; x=\u00e9"));
    }

    @Test
    void activeTypesAreRecognised() {
        assertTrue(FileHeaders.isActive("text/html; charset=utf-8"));
        assertTrue(FileHeaders.isActive("IMAGE/SVG+XML"));
        assertTrue(FileHeaders.isActive("application/rss+xml"));
        assertFalse(FileHeaders.isActive("application/pdf"));
        assertFalse(FileHeaders.isActive("text/plain"));
    }

    @Test
    void dispositionQuotesSafelyAndAddsTheExtendedForm() {
        assertEquals("inline; filename=\"report.pdf\"", FileHeaders.inlineDisposition("report.pdf"));
        assertEquals("inline; filename=\"download\"", FileHeaders.inlineDisposition(null));
        assertEquals("inline; filename=\"download\"", FileHeaders.inlineDisposition(" \r\n "));
        assertEquals("inline; filename=\"download\"", FileHeaders.inlineDisposition(".."));
        assertEquals("inline; filename=\"b.txt\"", FileHeaders.inlineDisposition("../../a/b.txt"));
        assertEquals("inline; filename=\"b.txt\"", FileHeaders.inlineDisposition("C:\\docs\\b.txt/"));
        assertEquals("inline; filename=\"_x_.txt\"; filename*=UTF-8''%22x%22.txt", FileHeaders.inlineDisposition("\"x\".txt"));
        assertEquals("inline; filename=\"__.txt\"; filename*=UTF-8''%F0%9F%93%84%E2%9C%93.txt",
                FileHeaders.inlineDisposition("\uD83D\uDCC4\u2713.txt"));
        assertEquals(200 + "inline; filename=\"\"".length(), FileHeaders.inlineDisposition("a".repeat(5000)).length());
    }
}
