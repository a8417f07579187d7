package quire.spi.parser;

/** The input cannot be parsed; the message becomes the document's {@code error} (no document text in it). */
public class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public ParseException(String message) {
        super(message);
    }

    public ParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
