package org.pinnerformer.core.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The queries of a batch: per example its distinct cut times, ascending (the first is the example's cut
 * {@code t}), and for each positive the query it is scored against.
 */
final class QueryPlan {
    private final int[] users;
    private final double[] cuts;
    private final int[] exampleOf;
    private final int[] firstQuery;
    private final int[][] queryOfPositive;

    private QueryPlan(int[] users, double[] cuts, int[] exampleOf, int[] firstQuery, int[][] queryOfPositive) {
        this.users = users;
        this.cuts = cuts;
        this.exampleOf = exampleOf;
        this.firstQuery = firstQuery;
        this.queryOfPositive = queryOfPositive;
    }

    static QueryPlan of(List<EvalExample> batch, InferenceMode mode, int windowDays) {
        int total = 0;
        double[][] cutsOf = new double[batch.size()][];
        double[][] positiveCut = new double[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            EvalExample e = batch.get(b);
            double[] pc = new double[e.positiveCount()];
            for (int i = 0; i < pc.length; i++) {
                pc[i] = cutFor(e.cut(), e.positiveTime(i), mode, windowDays);
            }
            double[] all = Arrays.copyOf(pc, pc.length + 1);
            all[pc.length] = e.cut();
            cutsOf[b] = Arrays.stream(all).sorted().distinct().toArray();
            positiveCut[b] = pc;
            total += cutsOf[b].length;
        }
        int[] users = new int[total];
        double[] cuts = new double[total];
        int[] exampleOf = new int[total];
        int[] firstQuery = new int[batch.size()];
        int[][] queryOfPositive = new int[batch.size()][];
        int q = 0;
        for (int b = 0; b < batch.size(); b++) {
            firstQuery[b] = q;
            for (double c : cutsOf[b]) {
                users[q] = batch.get(b).user();
                cuts[q] = c;
                exampleOf[q] = b;
                q++;
            }
            queryOfPositive[b] = new int[positiveCut[b].length];
            for (int i = 0; i < positiveCut[b].length; i++) {
                queryOfPositive[b][i] = firstQuery[b] + Arrays.binarySearch(cutsOf[b], positiveCut[b][i]);
            }
        }
        return new QueryPlan(users, cuts, exampleOf, firstQuery, queryOfPositive);
    }

    /** The cut of the embedding a positive at {@code time} is scored against (see {@link InferenceMode}). */
    static double cutFor(double t, double time, InferenceMode mode, int windowDays) {
        return switch (mode) {
            case ONCE -> t;
            case DAILY -> {
                int day = (int) Math.ceil((time - t) / EvalExamples.DAY_SECONDS) - 1;
                yield t + Math.max(0, Math.min(windowDays - 1, day)) * EvalExamples.DAY_SECONDS;
            }
            case REALTIME -> Math.max(t, Math.nextDown(time));
        };
    }

    int size() {
        return users.length;
    }

    int[] users() {
        return users;
    }

    double[] cuts() {
        return cuts;
    }

    int exampleOf(int query) {
        return exampleOf[query];
    }

    int firstQuery(int example) {
        return firstQuery[example];
    }

    int queryOfPositive(int example, int positive) {
        return queryOfPositive[example][positive];
    }
}
