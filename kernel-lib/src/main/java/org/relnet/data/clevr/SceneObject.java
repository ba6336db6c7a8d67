package org.relnet.data.clevr;

import java.util.Objects;

/**
 * One object: colour, shape and integer centre (x to the right, y downwards, in pixels, origin at
 * the top-left corner of the image). See {@link SortOfClevr} for the exact footprint in pixels.
 */
public record SceneObject(Colour colour, Shape shape, int x, int y) {
    public SceneObject {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(shape, "shape");
    }

    /** Squared Euclidean distance between centres: exact in integers, so no rounding can break a comparison. */
    public long distanceSquared(SceneObject o) {
        long dx = x - o.x, dy = y - o.y;
        return dx * dx + dy * dy;
    }
}
