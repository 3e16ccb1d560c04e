#!/usr/bin/env python3
"""Writes the OpenCV reference fixtures used by the Boxes tests.

Needs numpy and OpenCV (Debian: apt-get install python3-numpy python3-opencv; the fixtures in this folder were made
with OpenCV 4.6.0 and numpy 1.24). Run from this folder: python3 make_opencv_fixtures.py

opencv_contours.txt: random binary masks and what cv2.findContours(RETR_TREE, CHAIN_APPROX_SIMPLE) returns for them,
in its output order: hole flag, parent index, cv2.boundingRect and 2 * cv2.contourArea per contour.

wsol_boxes.txt: random float32 score maps in [0, 1] and the boxes that wsolevaluation's rules give at a few thresholds
(uint8 map from the float64 map times 255, cv2.threshold at int(t * max), contours as above, boundingRect turned into
(x, y, min(x + w, W - 1), min(y + h, H - 1)), (0, 0, 0, 0) when there is no contour), for every contour and for the
first contour of largest cv2.contourArea.
"""
import cv2
import numpy as np

rng = np.random.default_rng(20240611)


def random_mask(h, w):
    kind = rng.integers(0, 4)
    if kind == 0:  # salt noise
        return (rng.random((h, w)) < rng.uniform(0.2, 0.8)).astype(np.uint8)
    if kind == 1:  # thresholded smooth field: blobs with holes
        small = rng.random((max(2, h // 3), max(2, w // 3))).astype(np.float32)
        field = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        return (field > rng.uniform(0.3, 0.7)).astype(np.uint8)
    if kind == 2:  # rings and lines drawn on empty
        m = np.zeros((h, w), np.uint8)
        for _ in range(rng.integers(1, 4)):
            x0, y0 = rng.integers(0, w), rng.integers(0, h)
            x1, y1 = rng.integers(0, w), rng.integers(0, h)
            if rng.random() < 0.5:
                cv2.rectangle(m, (int(x0), int(y0)), (int(x1), int(y1)), 1, 1)
            else:
                cv2.line(m, (int(x0), int(y0)), (int(x1), int(y1)), 1, 1)
        return m
    m = (rng.random((h, w)) < 0.55).astype(np.uint8)  # dense noise: many holes
    return m


def contours_of(mask):
    found = cv2.findContours(mask, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    contours, hierarchy = found[-2], found[-1]
    rows = []
    for i, c in enumerate(contours):
        parent = int(hierarchy[0][i][3]) if hierarchy is not None else -1
        depth, p = 0, parent
        while p >= 0:
            depth += 1
            p = int(hierarchy[0][p][3])
        x, y, w, h = cv2.boundingRect(c)
        rows.append((depth % 2, parent, x, y, w, h, int(round(2 * cv2.contourArea(c)))))
    return contours, rows


def mask_text(mask):
    return '/'.join(''.join(str(int(v)) for v in row) for row in mask)


with open('opencv_contours.txt', 'w') as out:
    out.write('# mask H W rows | then per contour: hole parent x y w h twiceArea (OpenCV %s)\n' % cv2.__version__)
    for _ in range(300):
        h, w = int(rng.integers(1, 15)), int(rng.integers(1, 15))
        mask = random_mask(h, w)
        _, rows = contours_of(mask)
        out.write('mask %d %d %s\n' % (h, w, mask_text(mask)))
        for r in rows:
            out.write('c %d %d %d %d %d %d %d\n' % r)


def wsol_boxes(scoremap, t, largest_only):
    height, width = scoremap.shape
    image = np.expand_dims((scoremap * 255).astype(np.uint8), 2)
    _, binary = cv2.threshold(src=image, thresh=int(t * np.max(image)), maxval=255, type=cv2.THRESH_BINARY)
    contours = cv2.findContours(image=binary, mode=cv2.RETR_TREE, method=cv2.CHAIN_APPROX_SIMPLE)[-2]
    if len(contours) == 0:
        return [(0, 0, 0, 0)]
    if largest_only:
        contours = [max(contours, key=cv2.contourArea)]
    boxes = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        boxes.append((x, y, min(x + w, width - 1), min(y + h, height - 1)))
    return boxes


thresholds = list(np.arange(0, 1, 0.01))
picked = list(range(0, 100, 7)) + [99]
with open('wsol_boxes.txt', 'w') as out:
    out.write('# map H W float32 values | then per threshold index: t index, V1 box, all boxes (OpenCV %s)\n' % cv2.__version__)
    for n in range(40):
        h, w = int(rng.integers(2, 17)), int(rng.integers(2, 17))
        if n % 3 == 0:
            m = rng.random((h, w)).astype(np.float32)
        else:
            small = rng.random((max(2, h // 4), max(2, w // 4))).astype(np.float32)
            m = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        if n % 5 == 0:  # values right at and around the uint8 steps
            m = (np.floor(m * 255) + rng.choice([0.0, 0.999, 1.0], size=m.shape)).astype(np.float32) / np.float32(255)
        m = np.clip(m, 0, 1).astype(np.float32)
        m = (m - m.min()) / max(float(m.max() - m.min()), 1e-6)
        m = np.clip(m.astype(np.float32), 0, 1)
        scoremap = m.astype(np.float64)
        out.write('map %d %d %s\n' % (h, w, ' '.join(repr(float(v)) for v in m.ravel())))
        for i in picked:
            v1 = wsol_boxes(scoremap, thresholds[i], True)[0]
            allb = wsol_boxes(scoremap, thresholds[i], False)
            out.write('t %d %s | %s\n' % (i, ' '.join(map(str, v1)), ' '.join('%d %d %d %d' % b for b in allb)))
