#!/usr/bin/env python3
"""Reference Sort-of-CLEVR generator in Python (numpy + OpenCV), written for the benchmark.

It follows the same specification as org.relnet.data.clevr.SortOfClevr (datasets/README.md),
including the SplitMix64 draws, so scenes, questions and answers come out byte-identical to the
Java generator's. Squares are numpy slices; circles are drawn with cv2.circle (how an OpenCV
implementation would do it), whose rasterisation differs slightly from ours. With --exact the
circles use the specification's integer rule instead and every file matches the Java output.

    python ref_generator.py --size 128 --images 2000 --seed 1 [--out DIR] [--workers N] [--exact]

Without --out it only generates (timing); the last line printed is
    RESULT impl=python workers=N images=... questions=... seconds=...
"""
import argparse
import hashlib
import multiprocessing as mp
import os
import time

import cv2
import numpy as np

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15
LONG_MAX = (1 << 63) - 1
COLOURS = [(255, 0, 0), (0, 0, 255), (0, 200, 0), (255, 156, 0), (255, 255, 0), (128, 128, 128)]
SQUARE, CIRCLE = 0, 1
# answer classes
YES, NO, RECTANGLE, CIRCLE_ANS, ONE = 0, 1, 2, 3, 4


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class SplitMix:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + GAMMA) & MASK
        return mix(self.state)

    def below(self, bound):
        limit = LONG_MAX - LONG_MAX % bound
        while True:
            u = self.next() >> 1
            if u < limit:
                return u % bound

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)


def draw_scene(rnd, size, obj, gap):
    r = obj // 2
    apart = obj + gap
    for _ in range(1000):
        objs = []
        for _c in range(6):
            placed = None
            for _t in range(1000):
                x = rnd.between(r, size - r)
                y = rnd.between(r, size - r)
                if all(max(abs(ox - x), abs(oy - y)) >= apart for _, ox, oy in objs):
                    placed = (rnd.below(2), x, y)
                    break
            if placed is None:
                break
            objs.append(placed)
        if len(objs) == 6 and not has_tie(objs):
            return objs
    raise RuntimeError("objects do not fit")


def has_tie(objs):
    xy = np.array([(x, y) for _, x, y in objs], dtype=np.int64)
    d = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
    for i in range(6):
        others = np.sort(np.delete(d[i], i))
        if others[0] == others[1] or others[-1] == others[-2]:
            return True
    return False


def draw_questions(rnd, qtype, n):
    pool = [c * 6 + qtype * 3 + s for c in range(6) for s in range(3)]  # question codes
    for k in range(n):
        j = k + rnd.below(len(pool) - k)
        pool[k], pool[j] = pool[j], pool[k]
    return pool[:n]


def answer(objs, size, code):
    c, sub = divmod(code, 6)
    shape, x, y = objs[c]
    if sub == 0:
        return RECTANGLE if shape == SQUARE else CIRCLE_ANS
    if sub == 1:
        return YES if 2 * x < size else NO
    if sub == 2:
        return YES if 2 * y < size else NO
    if sub in (3, 4):
        d = [((ox - x) ** 2 + (oy - y) ** 2, i) for i, (_, ox, oy) in enumerate(objs) if i != c]
        pick = min(d)[1] if sub == 3 else max(d)[1]
        return RECTANGLE if objs[pick][0] == SQUARE else CIRCLE_ANS
    return ONE - 1 + sum(1 for s, _, _ in objs if s == shape)


def circle_offsets(r):
    """Pixel offsets (dy, dx) of the specification's integer circle, relative to the box corner."""
    yy, xx = np.mgrid[0:2 * r, 0:2 * r]
    inside = (2 * xx + 1 - 2 * r) ** 2 + (2 * yy + 1 - 2 * r) ** 2 <= 4 * r * r
    return inside


def render(objs, size, obj, exact, inside):
    img = np.full((size, size, 3), 255, np.uint8)
    r = obj // 2
    for c, (shape, x, y) in enumerate(objs):
        if shape == SQUARE:
            img[y - r:y + r, x - r:x + r] = COLOURS[c]
        elif exact:
            img[y - r:y + r, x - r:x + r][inside] = COLOURS[c]
        else:
            cv2.circle(img, (x, y), r, COLOURS[c], -1, lineType=cv2.LINE_8)
    return img


def generate_range(args):
    first, count, size, obj, gap, qpt, seed, exact = args
    inside = circle_offsets(obj // 2)
    images = np.empty((count, size, size, 3), np.uint8)
    scenes = np.empty((count, 6, 3), '<u2')
    questions = np.empty((count, 2 * qpt), np.uint8)
    answers = np.empty((count, 2 * qpt), np.uint8)
    for i in range(count):
        rnd = SplitMix(mix((seed + (first + i + 1) * GAMMA) & MASK))
        objs = draw_scene(rnd, size, obj, gap)
        images[i] = render(objs, size, obj, exact, inside)
        scenes[i] = objs
        codes = draw_questions(rnd, 0, qpt) + draw_questions(rnd, 1, qpt)
        questions[i] = codes
        answers[i] = [answer(objs, size, q) for q in codes]
    return images, scenes, questions, answers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=128)
    ap.add_argument('--images', type=int, default=10000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--train-fraction', type=float, default=0.8)
    ap.add_argument('--object-size', type=int, default=0)
    ap.add_argument('--gap', type=int, default=2)
    ap.add_argument('--questions-per-type', type=int, default=10)
    ap.add_argument('--workers', type=int, default=1)
    ap.add_argument('--exact', action='store_true', help='integer circles as in the spec (byte-identical to Java)')
    ap.add_argument('--out')
    a = ap.parse_args()
    obj = a.object_size or 2 * (a.size // 15)
    n_train = int(a.images * a.train_fraction + 0.5)  # Java Math.round for positive values
    block = 64
    ranges = []
    for lo, hi in ((0, n_train), (n_train, a.images)):
        for s in range(lo, hi, block):
            ranges.append((s, min(block, hi - s), a.size, obj, a.gap, a.questions_per_type, a.seed & MASK, a.exact))
    start = time.perf_counter()
    if a.workers > 1:
        with mp.Pool(a.workers) as pool:
            parts = pool.map(generate_range, ranges)
    else:
        parts = [generate_range(r) for r in ranges]
    seconds = time.perf_counter() - start
    if a.out:
        write(a, obj, n_train, ranges, parts)
    q = a.images * 2 * a.questions_per_type
    print(f"RESULT impl=python workers={a.workers} images={a.images} questions={q} seconds={seconds:.4f}")


def write(a, obj, n_train, ranges, parts):
    os.makedirs(a.out, exist_ok=True)
    names = ['images.u8', 'scenes.u16', 'questions.u8', 'answers.u8']
    lines = ['# Sort-of-CLEVR dataset written by benchmarks/clevr-gen/ref_generator.py',
             'format=relnet-sort-of-clevr', 'formatVersion=1', f'imageSize={a.size}', f'images={a.images}',
             f'trainImages={n_train}', f'testImages={a.images - n_train}', f'trainFraction={a.train_fraction}',
             f'objectSize={obj}', f'gap={a.gap}', f'questionsPerType={a.questions_per_type}',
             f'questionsPerImage={2 * a.questions_per_type}', f'seed={a.seed}', 'rng=splitmix64']
    for split, in_split in (('train', lambda r: r[0] < n_train), ('test', lambda r: r[0] >= n_train)):
        chosen = [p for r, p in zip(ranges, parts) if in_split(r)]
        for k, name in enumerate(names):
            data = b''.join(p[k].tobytes() for p in chosen)
            with open(os.path.join(a.out, f'{split}-{name}'), 'wb') as f:
                f.write(data)
            lines.append(f'{split}-{name}.bytes={len(data)}')
            lines.append(f'{split}-{name}.sha256={hashlib.sha256(data).hexdigest()}')
    with open(os.path.join(a.out, 'manifest.properties'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
