package org.relnet.kernel.display;

import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.relnet.display.DisplaySink;
import org.relnet.display.MimeBundle;

/** kernel-lib's way out to the notebook ({@code Notebook.display/update}) through this kernel's display stream. */
public final class KernelDisplaySink implements DisplaySink {
    private final DisplayStream stream;

    public KernelDisplaySink(DisplayStream stream) {
        this.stream = stream;
    }

    @Override
    public String display(MimeBundle bundle) {
        DisplayData data = Renderers.toDisplayData(bundle);
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        stream.display(data);
        return id;
    }

    @Override
    public void update(String displayId, MimeBundle bundle) {
        stream.updateDisplay(displayId, Renderers.toDisplayData(bundle));
    }
}
