package dev.confab.server.ops;

/** Small helpers for the command-line parsers. */
final class Cli {
    private Cli() {
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
