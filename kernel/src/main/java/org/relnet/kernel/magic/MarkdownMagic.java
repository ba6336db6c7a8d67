package org.relnet.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.relnet.kernel.RelNetKernel;

/** {@code %%markdown}: shows the cell body as Markdown (with LaTeX, as Jupyter renders it). */
final class MarkdownMagic implements CellMagic<Void, RelNetKernel> {
    @Override
    public Void eval(RelNetKernel kernel, List<String> args, String body) {
        DisplayData data = new DisplayData(body);
        data.putMarkdown(body);
        kernel.display(data);
        return null;
    }
}
