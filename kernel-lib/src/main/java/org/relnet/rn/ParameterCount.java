package org.relnet.rn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;

/**
 * Parameter counts that include graph vertices: DL4J M2.1's {@code ComputationGraph.numParams()} sums
 * only layers and so reports a RelationModule's g_theta as zero parameters.
 */
public final class ParameterCount {

    private ParameterCount() {
    }

    /** All trainable parameters of the graph, layers and vertices alike. */
    public static long of(ComputationGraph graph) {
        long total = 0;
        for (GraphVertex v : graph.getVertices()) {
            total += v.numParams();
        }
        return total;
    }

    /** Parameters held by vertices that are not layers (e.g. the RN block's g_theta). */
    public static long inVertices(ComputationGraph graph) {
        long total = 0;
        for (GraphVertex v : graph.getVertices()) {
            if (!v.hasLayer()) {
                total += v.numParams();
            }
        }
        return total;
    }
}
