package org.relnet.data.clevr;

import java.util.Comparator;
import java.util.List;

/**
 * A second, separately written answer key for the tests: floating-point geometry and sorting
 * instead of the generator's integer min/max scan, and only the raw state (no Scene.answer).
 */
final class IndependentOracle {
    private IndependentOracle() {}

    /** Returns the answer index 0..9 for question (colour c, subtype ordinal s). */
    static int answer(List<SceneObject> objects, int imageSize, int c, int s) {
        SceneObject me = objects.stream().filter(o -> o.colour().ordinal() == c).findFirst().orElseThrow();
        double cx = imageSize / 2.0;
        switch (s) {
            case 0: return me.shape() == Shape.SQUARE ? 2 : 3;
            case 1: return me.x() < cx ? 0 : 1;
            case 2: return me.y() < cx ? 0 : 1;
            case 3: case 4: {
                List<SceneObject> others = objects.stream().filter(o -> o != me)
                        .sorted(Comparator.comparingDouble(o -> Math.hypot(o.x() - me.x(), o.y() - me.y()))).toList();
                SceneObject pick = s == 3 ? others.get(0) : others.get(others.size() - 1);
                return pick.shape() == Shape.SQUARE ? 2 : 3;
            }
            case 5: {
                int same = 0;
                for (SceneObject o : objects) if (o.shape() == me.shape()) same++;
                return 3 + same; // "1" is class 4
            }
            default: throw new IllegalArgumentException("subtype " + s);
        }
    }

    /** Distances from object i to the others, sorted. */
    static double[] sortedDistances(List<SceneObject> objects, SceneObject me) {
        return objects.stream().filter(o -> o != me).mapToDouble(o -> Math.hypot(o.x() - me.x(), o.y() - me.y())).sorted().toArray();
    }
}
