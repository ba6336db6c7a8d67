package org.relnet;

/**
 * Quick mode (the default: every notebook runs in minutes on a laptop CPU) or full mode (the
 * papers' settings: hours). Full mode is on when the environment variable {@code RELNET_FULL=1}
 * (or {@code true}) or the system property {@code relnet.full=true} is set.
 *
 * <pre>{@code
 * int steps = Mode.pick(2_000, 150_000);   // quick, full
 * }</pre>
 */
public final class Mode {
    public static final String ENV = "RELNET_FULL";
    public static final String PROPERTY = "relnet.full";

    private Mode() {}

    public static boolean full() {
        String p = System.getProperty(PROPERTY);
        if (p != null) return isTrue(p);
        return isTrue(System.getenv(ENV));
    }

    /** {@code quick} in quick mode, {@code full} in full mode. */
    public static <T> T pick(T quick, T full) {
        return full() ? full : quick;
    }

    public static int pick(int quick, int full) {
        return full() ? full : quick;
    }

    public static long pick(long quick, long full) {
        return full() ? full : quick;
    }

    public static double pick(double quick, double full) {
        return full() ? full : quick;
    }

    /** One line for a notebook's first output: which mode runs and how to switch. */
    public static String describe() {
        return full() ? "FULL mode (paper settings; " + ENV + "=1)"
                : "QUICK mode (set " + ENV + "=1 before starting the kernel for the paper's settings)";
    }

    private static boolean isTrue(String v) {
        if (v == null) return false;
        String s = v.trim();
        return s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes");
    }
}
