package org.pinnerformer.core.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A split of the users {@code 0..userCount()-1} of a data set into disjoint training and evaluation users.
 * A random split is a seeded shuffle: the same seed and user count always give the same split.
 */
public final class UserSplit {
    private final int userCount;
    private final int[] trainUsers;
    private final int[] evalUsers;

    private UserSplit(int userCount, int[] trainUsers, int[] evalUsers) {
        this.userCount = userCount;
        this.trainUsers = trainUsers;
        this.evalUsers = evalUsers;
    }

    /**
     * A seeded random split: {@code round(userCount * evalFraction)} evaluation users, the rest training users.
     *
     * @param userCount how many users, {@code >= 0}
     * @param evalFraction the share of evaluation users, in [0, 1]
     * @param seed the seed of the shuffle
     */
    public static UserSplit random(int userCount, double evalFraction, long seed) {
        if (userCount < 0) {
            throw new IllegalArgumentException("userCount must be >= 0, was " + userCount);
        }
        if (!(evalFraction >= 0 && evalFraction <= 1)) {
            throw new IllegalArgumentException("evalFraction must be in [0, 1], was " + evalFraction);
        }
        int[] order = new int[userCount];
        for (int i = 0; i < userCount; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = userCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int evalCount = (int) Math.round(userCount * evalFraction);
        int[] eval = Arrays.copyOfRange(order, 0, evalCount);
        int[] train = Arrays.copyOfRange(order, evalCount, userCount);
        Arrays.sort(eval);
        Arrays.sort(train);
        return new UserSplit(userCount, train, eval);
    }

    /**
     * The given evaluation users; every other user is a training user (for splits of more than two parts, such
     * as a validation set carved out of the training users).
     *
     * @param userCount how many users, {@code >= 0}
     * @param evalUsers distinct user indexes in {@code [0, userCount)}, in any order
     * @throws IllegalArgumentException if an index is out of range or repeated
     */
    public static UserSplit of(int userCount, int[] evalUsers) {
        if (userCount < 0) {
            throw new IllegalArgumentException("userCount must be >= 0, was " + userCount);
        }
        int[] eval = evalUsers.clone();
        Arrays.sort(eval);
        boolean[] isEval = new boolean[userCount];
        for (int i = 0; i < eval.length; i++) {
            if (eval[i] < 0 || eval[i] >= userCount) {
                throw new IllegalArgumentException("evalUsers must lie in [0, " + userCount + "), held " + eval[i]);
            }
            if (i > 0 && eval[i] == eval[i - 1]) {
                throw new IllegalArgumentException("evalUsers must be distinct, held " + eval[i] + " twice");
            }
            isEval[eval[i]] = true;
        }
        int[] train = new int[userCount - eval.length];
        int n = 0;
        for (int u = 0; u < userCount; u++) {
            if (!isEval[u]) {
                train[n++] = u;
            }
        }
        return new UserSplit(userCount, train, eval);
    }

    /** Every user is an evaluation user (for a global time cut, where training uses everyone's past). */
    public static UserSplit allEval(int userCount) {
        return random(userCount, 1.0, 0);
    }

    /** The number of users split. */
    public int userCount() {
        return userCount;
    }

    /** The training users, ascending. */
    public int[] trainUsers() {
        return trainUsers.clone();
    }

    /** The evaluation users, ascending. */
    public int[] evalUsers() {
        return evalUsers.clone();
    }

    /** Whether user {@code u} is an evaluation user. */
    public boolean isEval(int u) {
        return Arrays.binarySearch(evalUsers, u) >= 0;
    }
}
