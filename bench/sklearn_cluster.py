"""The peer of ClusterBench: scikit-learn's PCA and GaussianMixture on the same feature file.

usage: sklearn_cluster.py FILE PCA K COVARIANCE SEED
Reads the T2IFEAT1 file (24-byte header, little-endian float32 rows) with numpy.memmap.
"""
import sys
import time

import numpy as np
from sklearn.decomposition import PCA
from sklearn.mixture import GaussianMixture


def main():
    path, components, k, covariance, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    header = np.fromfile(path, dtype="<i8", count=2, offset=0)
    rows, dim = int(header[1]), int(np.fromfile(path, dtype="<i4", count=1, offset=16)[0])
    x = np.memmap(path, dtype="<f4", mode="r", offset=24, shape=(rows, dim))
    t0 = time.perf_counter()
    y = PCA(n_components=components, svd_solver="randomized", random_state=seed).fit_transform(x)
    pca_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    gmm = GaussianMixture(n_components=k, covariance_type="diag" if covariance == "diagonal" else "full",
                          tol=1e-4, reg_covar=1e-6, max_iter=200, random_state=seed)
    labels = gmm.fit_predict(y.astype(np.float64))
    em_seconds = time.perf_counter() - t1
    np.savetxt(path + ".sklearn.labels", labels, fmt="%d")
    print(f"pca_seconds = {pca_seconds:.2f}")
    print(f"em_seconds = {em_seconds:.2f}")
    print(f"em_iterations = {gmm.n_iter_}")
    print(f"converged = {gmm.converged_}")
    print(f"mean_log_likelihood = {gmm.score(y.astype(np.float64)):.4f}")
    print(f"total_seconds = {pca_seconds + em_seconds:.2f}")


if __name__ == "__main__":
    main()
