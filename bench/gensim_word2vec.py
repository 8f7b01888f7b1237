"""gensim's word2vec, timed the way t2i is: the corpus in memory, vocabulary built first, then
only train() is timed, in corpus tokens per second. Usage: gensim_word2vec.py CORPUS MODEL RUNS THREADS."""
import sys, time, lzma, statistics, logging
from gensim.models import Word2Vec

path, model, runs, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
opener = lzma.open if path.endswith(".xz") else open
with opener(path, "rt", encoding="utf-8") as f:
    sentences = []
    for line in f:
        tokens = line.split()
        # t2i splits lines longer than 10,000 tokens; gensim truncates them: split here too.
        for i in range(0, len(tokens), 10000):
            sentences.append(tokens[i:i + 10000])
tokens = sum(len(s) for s in sentences)
print(f"tokens = {tokens}")
rates = []
for r in range(runs):
    m = Word2Vec(vector_size=400, window=5, negative=5, min_count=5, sample=1e-3, alpha=0.025,
                 workers=threads, sg=1 if model == "skip-gram" else 0, seed=1 + r, epochs=1)
    m.build_vocab(sentences)
    t0 = time.perf_counter()
    m.train(sentences, total_examples=len(sentences), epochs=1)
    seconds = time.perf_counter() - t0
    rates.append(tokens / seconds)
    print(f"run {r + 1}: {rates[-1]:.0f} tokens/s ({seconds:.1f} s)")
print(f"tokens_per_second = {statistics.median(rates):.0f}")
