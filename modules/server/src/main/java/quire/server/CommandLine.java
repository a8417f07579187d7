package quire.server;

import java.nio.file.Path;

/**
 * {@code serve [--port N] [--data DIR] [--config FILE] [--host H]} or
 * {@code reembed [--data DIR] [--config FILE]}, parsed.
 *
 * @param command {@link #SERVE} or {@link #REEMBED}
 * @param port   or null
 * @param data   or null
 * @param config or null
 * @param host   or null
 */
record CommandLine(String command, Integer port, Path data, Path config, String host) {

    static final String SERVE = "serve";
    static final String REEMBED = "reembed";
    static final String USAGE = "usage: quire serve [--port N] [--data DIR] [--config FILE] [--host H]"
            + System.lineSeparator() + "       quire reembed [--data DIR] [--config FILE]";

    /** Thrown for arguments that do not fit {@link #USAGE}. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(String... args) throws UsageException {
        if (args.length == 0 || !(args[0].equals(SERVE) || args[0].equals(REEMBED))) {
            throw new UsageException(args.length == 0 ? "missing command" : "unknown command '" + args[0] + "'");
        }
        Integer port = null;
        Path data = null;
        Path config = null;
        String host = null;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            String value;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException(option.startsWith("--") ? option + " needs a value" : "unexpected argument '" + option + "'");
                }
                value = args[++i];
            }
            if (args[0].equals(REEMBED) && (option.equals("--port") || option.equals("--host"))) {
                throw new UsageException(option + " is an option of serve, not of reembed");
            }
            switch (option) {
                case "--port" -> port = port(value);
                case "--data" -> data = Path.of(nonEmpty(option, value));
                case "--config" -> config = Path.of(nonEmpty(option, value));
                case "--host" -> host = nonEmpty(option, value);
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        return new CommandLine(args[0], port, data, config, host);
    }

    private static int port(String value) throws UsageException {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port must be a number from 0 to 65535, not '" + value + "'");
    }

    private static String nonEmpty(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }
}
