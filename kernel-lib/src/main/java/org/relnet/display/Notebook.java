package org.relnet.display;

import java.util.Map;
import java.util.Optional;

/**
 * kernel-lib's single way out to a notebook. Progress bars and live charts call this; when no
 * notebook is attached (tests, plain programs) {@link #isActive()} is false and callers fall back
 * to text on stdout.
 *
 * <p>A sink is found in this order: one installed with {@link #install} (the project's kernel does
 * this), else stock IJava's runtime if kernel-lib was loaded there with {@code %jars}.
 */
public final class Notebook {
    private static volatile DisplaySink sink;
    private static volatile boolean probed;

    private Notebook() {}

    public static void install(DisplaySink s) {
        sink = s;
        probed = true;
    }

    /** Forgets the installed sink (tests; a kernel shutting down). */
    public static void uninstall() {
        sink = null;
        probed = true;
    }

    public static boolean isActive() {
        return current().isPresent();
    }

    /** Shows the bundle; returns its display id, or empty when no notebook is attached. */
    public static Optional<String> display(MimeBundle bundle) {
        return current().map(s -> s.display(bundle));
    }

    /** Replaces a shown output; does nothing when no notebook is attached. */
    public static void update(String displayId, MimeBundle bundle) {
        current().ifPresent(s -> s.update(displayId, bundle));
    }

    private static Optional<DisplaySink> current() {
        if (!probed) {
            synchronized (Notebook.class) {
                if (!probed) {
                    sink = IJavaSink.tryCreate();
                    probed = true;
                }
            }
        }
        return Optional.ofNullable(sink);
    }

    /**
     * Stock IJava, reached by reflection so kernel-lib has no compile-time tie to it: its runtime
     * class {@code io.github.spencerpark.ijava.runtime.Display} renders a base-kernel
     * {@code DisplayData} as itself.
     */
    static final class IJavaSink implements DisplaySink {
        private final Class<?> displayClass;
        private final Class<?> displayDataClass;

        private IJavaSink(Class<?> displayClass, Class<?> displayDataClass) {
            this.displayClass = displayClass;
            this.displayDataClass = displayDataClass;
        }

        static DisplaySink tryCreate() {
            try {
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                Class<?> display = Class.forName("io.github.spencerpark.ijava.runtime.Display", false, cl);
                Class<?> data = Class.forName("io.github.spencerpark.jupyter.kernel.display.DisplayData", false, cl);
                Class<?> ijava = Class.forName("io.github.spencerpark.ijava.IJava", true, cl);
                if (ijava.getMethod("getKernelInstance").invoke(null) == null) return null;
                return new IJavaSink(display, data);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        private Object toDisplayData(MimeBundle bundle) throws ReflectiveOperationException {
            Object dd = displayDataClass.getConstructor().newInstance();
            for (Map.Entry<String, String> e : bundle.data().entrySet()) {
                displayDataClass.getMethod("putData", String.class, Object.class).invoke(dd, e.getKey(), e.getValue());
            }
            return dd;
        }

        @Override
        public String display(MimeBundle bundle) {
            try {
                return (String) displayClass.getMethod("display", Object.class).invoke(null, toDisplayData(bundle));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("IJava display failed", e);
            }
        }

        @Override
        public void update(String displayId, MimeBundle bundle) {
            try {
                displayClass.getMethod("updateDisplay", String.class, Object.class).invoke(null, displayId, toDisplayData(bundle));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("IJava updateDisplay failed", e);
            }
        }
    }
}
