package dev.confab.server.ops;

/** Small helpers for the command-line parsers. */
final class Cli {
    private Cli() {
    }

    /**
     * Lets only warnings from libraries (Flyway, H2) reach the console while {@code work} runs: the commands print
     * their own lines.
     */
    static <T> T quietly(java.util.concurrent.Callable<T> work) throws Exception {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level before = root.getLevel();
        root.setLevel(java.util.logging.Level.WARNING);
        try {
            return work.call();
        } finally {
            root.setLevel(before);
        }
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
