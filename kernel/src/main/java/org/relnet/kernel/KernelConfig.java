package org.relnet.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's settings, from IJava's environment variables so notebooks and setups written for
 * IJava work unchanged. Each {@code IJAVA_X} may also be given as {@code RELNET_X}; IJAVA_ wins.
 */
public final class KernelConfig {
    private final Map<String, String> env;

    KernelConfig(Map<String, String> env) {
        this.env = env;
    }

    public static KernelConfig fromEnvironment() {
        return new KernelConfig(System.getenv());
    }

    private String get(String name) {
        String v = env.get("IJAVA_" + name);
        if (v == null || v.isBlank()) v = env.get("RELNET_" + name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** IJAVA_COMPILER_OPTS: extra javac options, whitespace-separated. */
    List<String> compilerOptions() {
        String v = get("COMPILER_OPTS");
        return v == null ? List.of() : Arrays.asList(v.split("\\s+"));
    }

    /** IJAVA_TIMEOUT: a cell's time limit; milliseconds, or "30 SECONDS"; -1 (default) for none. */
    long timeoutMillis() {
        String v = get("TIMEOUT");
        if (v == null) return -1;
        String[] parts = v.split("\\s+");
        try {
            long amount = Long.parseLong(parts[0]);
            if (amount < 0) return -1;
            if (parts.length == 1) return amount;
            return TimeUnit.valueOf(parts[1].toUpperCase(Locale.ROOT)).toMillis(amount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("IJAVA_TIMEOUT='" + v + "' is not a number of milliseconds nor e.g. '30 SECONDS'", e);
        }
    }

    /** IJAVA_CLASSPATH: extra classpath entries (globs allowed) added before the first cell. */
    String classpath() {
        return get("CLASSPATH");
    }

    /** IJAVA_STARTUP_SCRIPTS_PATH: .jsh/.jshell files (globs allowed) run at start-up. */
    String startupScriptsPath() {
        return get("STARTUP_SCRIPTS_PATH");
    }

    /** IJAVA_STARTUP_SCRIPT: code run at start-up, after the scripts. */
    String startupScript() {
        return get("STARTUP_SCRIPT");
    }

    /** How long the stop button waits for a cell to honour Thread.interrupt() before force-stopping it. */
    long interruptGraceMillis() {
        String v = get("INTERRUPT_GRACE_MS");
        return v == null ? 2500 : Long.parseLong(v);
    }

    /** Load ND4J's native backend in the background at start-up, so the first DL4J cell is fast. */
    boolean warmUp() {
        String v = env.get("RELNET_KERNEL_WARMUP");
        return v == null || !(v.equals("0") || v.equalsIgnoreCase("false"));
    }
}
