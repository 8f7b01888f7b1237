"""Caption retrieval with mean word vectors, for any number of vector files, on the same queries.

Each group of 10 consecutive lines of the corpus describes one image. For each query caption, the
captions of 1,000 random groups (its own among them, the query itself left out) are ranked by
cosine between mean vectors; recall@k is the share of queries with a caption of their own group in
the top k. Usage: word2vec_retrieval.py CORPUS QUERIES SEED NAME=VECTORS.bin ...
"""
import sys, struct
import numpy as np

corpus, queries, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = [l.split() for l in open(corpus, encoding="utf-8")]
groups = len(lines) // 10


def read_binary(path):
    with open(path, "rb") as f:
        n, d = map(int, f.readline().split())
        words, vecs = {}, np.zeros((n, d), dtype=np.float32)
        for i in range(n):
            w = bytearray()
            while True:
                c = f.read(1)
                if c == b" ":
                    break
                if c != b"\n":
                    w += c
            vecs[i] = np.frombuffer(f.read(4 * d), dtype="<f4")
            words[w.decode("utf-8", "replace")] = i
        return words, vecs


def mean_vectors(words, vecs):
    out = np.zeros((len(lines), vecs.shape[1]), dtype=np.float32)
    for i, toks in enumerate(lines):
        idx = [words[t] for t in toks if t in words]
        if idx:
            out[i] = vecs[idx].mean(0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


rng = np.random.default_rng(seed)
query_ids = rng.choice(len(lines) - len(lines) % 10, size=queries, replace=False)
candidate_groups = [np.concatenate([[q // 10], rng.choice(np.setdiff1d(np.arange(groups), [q // 10]), 999, replace=False)])
                    for q in query_ids]
for spec in sys.argv[4:]:
    name, path = spec.split("=", 1)
    words, vecs = read_binary(path)
    m = mean_vectors(words, vecs)
    r1 = r10 = 0
    for q, gs in zip(query_ids, candidate_groups):
        cands = (gs[:, None] * 10 + np.arange(10)[None, :]).ravel()
        cands = cands[cands != q]
        sims = m[cands] @ m[q]
        top = cands[np.argsort(-sims)[:10]]
        own = (top // 10) == (q // 10)
        r1 += own[0]
        r10 += own.any()
    print(f"{name}: recall@1 = {r1 / queries:.3f}, recall@10 = {r10 / queries:.3f} ({queries} queries, 1,000 groups each, seed {seed})")
    colours = ["red", "pink", "yellow", "white", "purple", "orange", "blue"]
    norm = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    inv = {i: w for w, i in words.items()}
    for c in colours:
        if c in words:
            sims = norm @ norm[words[c]]
            best = [inv[i] for i in np.argsort(-sims)[1:6]]
            print(f"  {name} neighbours of {c}: {', '.join(best)}")
