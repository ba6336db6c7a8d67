package org.relnet.kernel.magic;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.relnet.kernel.RelNetKernel;

/** {@code %%html}: shows the cell body as HTML. */
final class HtmlMagic implements CellMagic<Void, RelNetKernel> {
    @Override
    public Void eval(RelNetKernel kernel, List<String> args, String body) {
        DisplayData data = new DisplayData(body);
        data.putHTML(body);
        kernel.display(data);
        return null;
    }
}
