package org.relnet.data.clevr;

/**
 * Draws a scene into an RGB byte raster with integer arithmetic only (no anti-aliasing), so the
 * pixels are the same on every machine. Layout: row-major, top row first, 3 bytes (R, G, B) per
 * pixel, white background.
 *
 * <p>With half-size {@code r = objectSize / 2} and centre (x, y), an object covers pixel columns
 * {@code x-r .. x+r-1} and rows {@code y-r .. y+r-1}: a square fills that box; a circle fills the
 * pixels whose centre (px + 0.5, py + 0.5) lies within distance r of (x, y), i.e.
 * {@code (2px + 1 - 2x)^2 + (2py + 1 - 2y)^2 <= 4r^2}.
 */
final class SceneRenderer {
    private SceneRenderer() {}

    static void render(Scene scene, int objectSize, byte[] dst, int offset) {
        int size = scene.imageSize();
        java.util.Arrays.fill(dst, offset, offset + size * size * 3, (byte) 255);
        int r = objectSize / 2;
        long r2x4 = 4L * r * r;
        for (SceneObject o : scene.objects()) {
            byte cr = (byte) o.colour().red(), cg = (byte) o.colour().green(), cb = (byte) o.colour().blue();
            for (int py = o.y() - r; py < o.y() + r; py++) {
                long dy = 2L * py + 1 - 2L * o.y();
                int row = offset + py * size * 3;
                for (int px = o.x() - r; px < o.x() + r; px++) {
                    if (o.shape() == Shape.CIRCLE) {
                        long dx = 2L * px + 1 - 2L * o.x();
                        if (dx * dx + dy * dy > r2x4) continue;
                    }
                    int p = row + px * 3;
                    dst[p] = cr;
                    dst[p + 1] = cg;
                    dst[p + 2] = cb;
                }
            }
        }
    }
}
