package io.parkcredit.screening;

/**
 * Sorts row indices by score descending, ties by key ascending, then by index: a merge sort on
 * primitive {@code int} arrays, so ranking 100,000 prospects boxes nothing.
 */
final class Order {

    private static final int INSERTION = 32;

    private Order() {
    }

    static int[] bestFirst(double[] score, String[] keys) {
        int m = score.length;
        int[] a = new int[m];
        for (int i = 0; i < m; i++) {
            a[i] = i;
        }
        int[] tmp = new int[m];
        for (int lo = 0; lo < m; lo += INSERTION) {
            insertionSort(a, lo, Math.min(lo + INSERTION, m), score, keys);
        }
        int[] src = a;
        int[] dst = tmp;
        for (int width = INSERTION; width < m; width *= 2) {
            for (int lo = 0; lo < m; lo += 2 * width) {
                int mid = Math.min(lo + width, m);
                int hi = Math.min(lo + 2 * width, m);
                merge(src, dst, lo, mid, hi, score, keys);
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    /** Negative when row {@code p} ranks before row {@code q}. */
    static int compare(int p, int q, double[] score, String[] keys) {
        int c = Double.compare(score[q], score[p]);
        if (c != 0) {
            return c;
        }
        if (keys != null) {
            c = keys[p].compareTo(keys[q]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(p, q);
    }

    private static void insertionSort(int[] a, int lo, int hi, double[] score, String[] keys) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int k = i - 1;
            while (k >= lo && compare(v, a[k], score, keys) < 0) {
                a[k + 1] = a[k];
                k--;
            }
            a[k + 1] = v;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, double[] score, String[] keys) {
        if (mid >= hi || compare(src[mid - 1], src[mid], score, keys) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int p = lo;
        int q = mid;
        for (int k = lo; k < hi; k++) {
            if (q >= hi || (p < mid && compare(src[p], src[q], score, keys) <= 0)) {
                dst[k] = src[p++];
            } else {
                dst[k] = src[q++];
            }
        }
    }
}
