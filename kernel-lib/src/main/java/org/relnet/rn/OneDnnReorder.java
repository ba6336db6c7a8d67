package org.relnet.rn;

import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relnet.rn.OneDnn.Call;
import org.relnet.rn.OneDnn.Resources;

import static org.bytedeco.dnnl.global.dnnl.*;

/**
 * A float array copied from one layout to another (oneDNN's reorder, for one shape): the encoder's NCHW
 * image to channels-last. ND4J's permuted assign does it on one thread, element by element (~1.3 ms per
 * 75 px batch of 64, 5 % of a CNN+MLP step); oneDNN's JIT reorder on all cores takes a fraction of that.
 */
final class OneDnnReorder extends OneDnn.Computation {

    private final dnnl_memory from;
    private final dnnl_memory to;
    private final Call reorder;

    /** @param dims the logical sizes (e.g. {batch, channels, height, width}); tags: {@code dnnl_nchw} etc. */
    OneDnnReorder(long[] dims, int fromTag, int toTag) {
        dnnl_memory_desc_t fromMd = Resources.desc(fromTag, dims);
        dnnl_memory_desc_t toMd = Resources.desc(toTag, dims);
        from = resources.memory(fromMd);
        to = resources.memory(toMd);
        reorder = new Call(resources.reorder(fromMd, toMd)).with(DNNL_ARG_FROM, from).with(DNNL_ARG_TO, to);
    }

    /** Both dense float arrays with {@code dims} elements in the two layouts ({@link OneDnn#fitsIfPresent}). */
    void run(INDArray source, INDArray target) {
        resources.bind(from, source);
        resources.bind(to, target);
        reorder.run();
    }
}
