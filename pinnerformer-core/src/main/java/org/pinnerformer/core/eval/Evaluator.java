package org.pinnerformer.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.pinnerformer.api.ProgressListener;
import org.pinnerformer.core.data.ItemCatalog;
import org.pinnerformer.core.data.ItemVectors;
import org.pinnerformer.core.data.Timelines;
import org.pinnerformer.core.retrieval.ExactTopK;
import org.pinnerformer.core.retrieval.ItemScorer;
import org.pinnerformer.core.retrieval.Parallel;
import org.pinnerformer.core.retrieval.TopKHeap;

/**
 * Evaluates retrieval methods under a prepared {@link EvalProtocol}: for each evaluated user, embeds the user
 * at the cut (and, in {@link InferenceMode#DAILY} or {@link InferenceMode#REALTIME} mode, again before each
 * positive as the mode says), retrieves the top items exactly ({@link ExactTopK}) from the protocol's index plus
 * the user's positives, and aggregates the {@link Metrics}.
 *
 * <p>Recall counts each positive against the embedding its mode assigns to it. Coverage and interest entropy
 * describe what users are shown, so they use one list per user in every mode: the top items of the embedding at
 * the cut {@code t}. Users are embedded in batches of {@link EvalOptions#batchSize()} on the calling thread;
 * retrieval runs on {@link EvalOptions#threads()} threads. Results do not depend on the number of threads.
 */
public final class Evaluator {
    private final EvalProtocol protocol;

    /** An evaluator for a prepared protocol. */
    public Evaluator(EvalProtocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** Evaluates several methods one after the other. */
    public List<MethodResult> evaluateAll(List<? extends RetrievalMethod> methods, ProgressListener listener) {
        Objects.requireNonNull(methods, "methods");
        List<MethodResult> out = new ArrayList<>();
        for (RetrievalMethod m : methods) {
            out.add(evaluate(m, listener));
        }
        return out;
    }

    /** Evaluates one method without progress reports. */
    public MethodResult evaluate(RetrievalMethod method) {
        return evaluate(method, ProgressListener.none());
    }

    /** Evaluates one method. */
    public MethodResult evaluate(RetrievalMethod method, ProgressListener listener) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(listener, "listener");
        ItemCatalog catalog = protocol.dataset().catalog();
        Timelines timelines = protocol.dataset().timelines();
        EvalOptions o = protocol.options();
        int n = catalog.size();
        checkMethod(method, catalog);
        long started = System.nanoTime();
        boolean categories = !catalog.categoryNames().isEmpty();
        int depth = categories ? Math.max(o.k(), o.entropyDepth()) : o.k();
        List<EvalExample> examples = protocol.examples().examples();
        int[] slotCounts = new int[n];
        double recallSum = 0;
        long hits = 0;
        long positives = 0;
        double entropySum = 0;
        int entropyUsers = 0;
        long queries = 0;
        List<QueryPlan> plans = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += o.batchSize()) {
            plans.add(QueryPlan.of(examples.subList(from, Math.min(examples.size(), from + o.batchSize())),
                    o.mode(), o.windowDays()));
        }
        if (method instanceof RetrievalMethod.Embedding m) {
            announce(m.users(), plans);
        }
        try (Parallel parallel = new Parallel(o.threads())) {
            for (int from = 0; from < examples.size(); from += o.batchSize()) {
                List<EvalExample> batch = examples.subList(from, Math.min(examples.size(), from + o.batchSize()));
                QueryPlan plan = plans.get(from / o.batchSize());
                int[][] ranked = retrieve(method, plan, batch, timelines, parallel, depth, n);
                queries += plan.size();
                for (int b = 0; b < batch.size(); b++) {
                    EvalExample e = batch.get(b);
                    int found = 0;
                    for (int i = 0; i < e.positiveCount(); i++) {
                        int[] list = ranked[plan.queryOfPositive(b, i)];
                        if (contains(list, o.k(), e.positive(i))) {
                            found++;
                        }
                    }
                    recallSum += (double) found / e.positiveCount();
                    hits += found;
                    positives += e.positiveCount();
                    int[] atCut = ranked[plan.firstQuery(b)];
                    for (int i = 0; i < Math.min(o.k(), atCut.length); i++) {
                        slotCounts[atCut[i]]++;
                    }
                    if (categories) {
                        OptionalDouble h = Metrics.interestEntropy(atCut, o.entropyDepth(), catalog);
                        if (h.isPresent()) {
                            entropySum += h.getAsDouble();
                            entropyUsers++;
                        }
                    }
                }
                listener.progress(method.name(), from + batch.size(), examples.size());
            }
        }
        int users = examples.size();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new MethodResult(method.name(), o.mode(), o.k(), o.entropyDepth(), users, positives,
                users == 0 ? 0 : Math.min(1, recallSum / users), positives == 0 ? 0 : (double) hits / positives,
                Metrics.p90Coverage(slotCounts, protocol.indexSize()),
                entropyUsers == 0 ? OptionalDouble.empty() : OptionalDouble.of(entropySum / entropyUsers), queries,
                seconds);
    }

    /** Tells the embedder every query of the evaluation ({@link UserEmbedder#plan}), in the order made. */
    private static void announce(UserEmbedder embedder, List<QueryPlan> plans) {
        int total = 0;
        for (QueryPlan plan : plans) {
            total += plan.size();
        }
        int[] users = new int[total];
        double[] cuts = new double[total];
        int at = 0;
        for (QueryPlan plan : plans) {
            System.arraycopy(plan.users(), 0, users, at, plan.size());
            System.arraycopy(plan.cuts(), 0, cuts, at, plan.size());
            at += plan.size();
        }
        embedder.plan(users, cuts);
    }

    private static void checkMethod(RetrievalMethod method, ItemCatalog catalog) {
        if (method instanceof RetrievalMethod.Embedding m) {
            m.items().requireAlignedWith(catalog);
        } else if (method instanceof RetrievalMethod.ItemScores s && s.size() != catalog.size()) {
            throw new IllegalArgumentException("method " + s.name() + " scores " + s.size()
                    + " items but the catalogue holds " + catalog.size());
        }
    }

    private static boolean contains(int[] list, int k, int item) {
        for (int i = 0; i < Math.min(k, list.length); i++) {
            if (list[i] == item) {
                return true;
            }
        }
        return false;
    }

    /** The top {@code depth} items of every query of the plan. */
    private int[][] retrieve(RetrievalMethod method, QueryPlan plan, List<EvalExample> batch, Timelines timelines,
            Parallel parallel, int depth, int n) {
        int q = plan.size();
        float[] vectors;
        int d;
        if (method instanceof RetrievalMethod.Embedding m) {
            d = m.items().dimension();
            vectors = m.users().embed(plan.users().clone(), plan.cuts().clone());
            checkEmbeddings(m.name(), vectors, plan, d, timelines);
        } else {
            d = 0;
            vectors = null;
        }
        int[][] out = new int[q][];
        int[] shared = protocol.sharedIndexOrNull();
        int[][] extra = new int[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            extra[b] = protocol.extraCandidates(batch.get(b));
        }
        boolean excludeSeen = protocol.options().excludeSeen();
        int kk = Math.min(depth, n);
        parallel.forEach(q, () -> new Scratch(kk, excludeSeen ? new boolean[n] : null), (s, i) -> {
            ItemScorer scorer;
            if (method instanceof RetrievalMethod.Embedding m) {
                ItemVectors space = m.items();
                int offset = i * d;
                scorer = item -> space.dot(item, vectors, offset);
            } else {
                RetrievalMethod.ItemScores fixed = (RetrievalMethod.ItemScores) method;
                scorer = fixed::score;
            }
            int u = plan.users()[i];
            int seenEnd = 0;
            if (s.excluded != null) {
                seenEnd = timelines.firstAfter(u, plan.cuts()[i]);
                for (int a = timelines.start(u); a < seenEnd; a++) {
                    s.excluded[timelines.item(a)] = true;
                }
            }
            out[i] = ExactTopK.search(scorer, shared, n, extra[plan.exampleOf(i)], s.excluded, s.heap);
            if (s.excluded != null) {
                for (int a = timelines.start(u); a < seenEnd; a++) {
                    s.excluded[timelines.item(a)] = false;
                }
            }
        });
        return out;
    }

    private static void checkEmbeddings(String name, float[] v, QueryPlan plan, int d, Timelines timelines) {
        if (v == null || v.length != plan.size() * d) {
            throw new IllegalStateException("the user embedder of " + name + " returned "
                    + (v == null ? "null" : v.length + " values") + " for " + plan.size() + " users of dimension "
                    + d + "; expected " + plan.size() * d);
        }
        for (int i = 0; i < plan.size(); i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                float x = v[i * d + c];
                if (!Float.isFinite(x)) {
                    throw new IllegalStateException("the user embedder of " + name + " returned a non-finite value "
                            + x + " for user " + timelines.userId(plan.users()[i]) + " at cut " + plan.cuts()[i]);
                }
                s += (double) x * x;
            }
            double norm = Math.sqrt(s);
            if (norm != 0 && Math.abs(norm - 1) > ItemVectors.NORM_TOLERANCE) {
                throw new IllegalStateException("the user embedder of " + name + " returned a vector of norm " + norm
                        + " for user " + timelines.userId(plan.users()[i]) + " at cut " + plan.cuts()[i]
                        + "; embeddings must have unit L2 norm or be zero");
            }
        }
    }

    /** A thread's heap and seen-item marks. */
    private static final class Scratch {
        final TopKHeap heap;
        final boolean[] excluded;

        Scratch(int k, boolean[] excluded) {
            this.heap = new TopKHeap(k);
            this.excluded = excluded;
        }
    }
}
