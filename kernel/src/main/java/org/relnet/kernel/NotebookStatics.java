package org.relnet.kernel;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * IJava's notebook functions, statically imported into every session: {@code display},
 * {@code updateDisplay}, {@code render}, {@code eval}, {@code lineMagic}, {@code cellMagic},
 * {@code getKernelInstance}. The base library implements them; this class only gathers them
 * under IJava's names.
 */
public final class NotebookStatics {
    private NotebookStatics() {}

    public static String display(Object o) { return BaseNotebookStatics.display(o); }
    public static String display(Object o, String... mimeTypes) { return BaseNotebookStatics.display(o, mimeTypes); }
    public static void updateDisplay(String id, Object o) { BaseNotebookStatics.updateDisplay(id, o); }
    public static void updateDisplay(String id, Object o, String... mimeTypes) { BaseNotebookStatics.updateDisplay(id, o, mimeTypes); }
    public static DisplayData render(Object o) { return BaseNotebookStatics.render(o); }
    public static DisplayData render(Object o, String... mimeTypes) { return BaseNotebookStatics.render(o, mimeTypes); }
    public static Object eval(String code) { return BaseNotebookStatics.eval(code); }
    public static <T> T lineMagic(String name, List<String> args) { return BaseNotebookStatics.lineMagic(name, args); }
    public static <T> T cellMagic(String name, List<String> args, String body) { return BaseNotebookStatics.cellMagic(name, args, body); }

    public static RelNetKernel getKernelInstance() {
        return (RelNetKernel) BaseKernel.notebookKernel();
    }
}
