package org.relnet.data.clevr;

import java.util.List;

/**
 * One Sort-of-CLEVR image as a state description: six objects, one per colour, listed in
 * {@link Colour} order. This is also where each question's answer is defined.
 */
public record Scene(int imageSize, List<SceneObject> objects) {
    /**
     * Per object in the state vector: colour one-hot (6), shape one-hot (2: square, circle), x, y
     * with the image mapped to [-1, 1] ({@code 2x / imageSize - 1}), the same coordinate convention
     * as the RN block's conv-map objects, and zero-centred so "left"/"top" is a sign.
     */
    public static final int STATE_FEATURES = 10;

    public Scene {
        objects = List.copyOf(objects);
        if (objects.size() != Colour.COUNT) throw new IllegalArgumentException("a scene has 6 objects, got " + objects.size());
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).colour().ordinal() != i) {
                throw new IllegalArgumentException("object " + i + " is " + objects.get(i).colour() + ", expected " + Colour.of(i));
            }
        }
    }

    public SceneObject object(Colour c) { return objects.get(c.ordinal()); }

    /**
     * The answer. "Left"/"top" compare the centre with the image's middle line ({@code 2x < size});
     * "closest"/"farthest" use the Euclidean distance between centres (the generator never makes
     * scenes with ties); the count includes the object itself.
     */
    public Answer answer(Question q) {
        SceneObject o = object(q.colour());
        return switch (q.subtype()) {
            case SHAPE -> Answer.of(o.shape());
            case LEFT -> Answer.of(2 * o.x() < imageSize);
            case TOP -> Answer.of(2 * o.y() < imageSize);
            case CLOSEST_SHAPE -> Answer.of(extreme(o, true).shape());
            case FARTHEST_SHAPE -> Answer.of(extreme(o, false).shape());
            case COUNT_SAME_SHAPE -> Answer.count((int) objects.stream().filter(p -> p.shape() == o.shape()).count());
        };
    }

    private SceneObject extreme(SceneObject from, boolean closest) {
        SceneObject best = null;
        long bestD = 0;
        for (SceneObject p : objects) {
            if (p == from) continue;
            long d = from.distanceSquared(p);
            if (best == null || (closest ? d < bestD : d > bestD)) {
                best = p;
                bestD = d;
            }
        }
        return best;
    }

    /** True if some object has two others at the same (closest or farthest) distance. */
    public boolean hasDistanceTie() {
        for (SceneObject o : objects) {
            long min = Long.MAX_VALUE, max = -1;
            int minCount = 0, maxCount = 0;
            for (SceneObject p : objects) {
                if (p == o) continue;
                long d = o.distanceSquared(p);
                if (d < min) { min = d; minCount = 1; } else if (d == min) minCount++;
                if (d > max) { max = d; maxCount = 1; } else if (d == max) maxCount++;
            }
            if (minCount > 1 || maxCount > 1) return true;
        }
        return false;
    }

    /** Writes the 6 x {@link #STATE_FEATURES} state description. */
    public void writeState(float[] dst, int offset) {
        for (SceneObject o : objects) {
            dst[offset + o.colour().ordinal()] = 1f;
            dst[offset + 6 + o.shape().ordinal()] = 1f;
            dst[offset + 8] = 2f * o.x() / imageSize - 1f;
            dst[offset + 9] = 2f * o.y() / imageSize - 1f;
            offset += STATE_FEATURES;
        }
    }
}
