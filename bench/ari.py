"""Adjusted Rand index of each label file against the truth: ari.py TRUTH LABELS..."""
import sys

import numpy as np
from sklearn.metrics import adjusted_rand_score

truth = np.loadtxt(sys.argv[1], dtype=int)
for path in sys.argv[2:]:
    print(f"ari {path.rsplit('.', 2)[-2]} = {adjusted_rand_score(truth, np.loadtxt(path, dtype=int)):.4f}")
