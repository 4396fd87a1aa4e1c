package io.parkcredit.screening;

/** Shape and value checks and column statistics shared by the ranking functions. */
final class Matrices {

    private Matrices() {
    }

    /** Non-empty, rectangular with {@code n} columns, every value finite. */
    static void check(double[][] x, int n) {
        if (n == 0) {
            throw new IllegalArgumentException("no criteria");
        }
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("no alternatives");
        }
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row == null || row.length != n) {
                throw new IllegalArgumentException("row " + i + " does not have " + n + " values");
            }
            for (int j = 0; j < n; j++) {
                double v = row[j];
                if (v - v != 0) { // NaN or infinite
                    throw new IllegalArgumentException("value [" + i + "][" + j + "] is " + v);
                }
            }
        }
    }

    /** Fills {@code min} and {@code max} with each column's extremes. */
    static void columnMinMax(double[][] x, double[] min, double[] max) {
        int n = min.length;
        System.arraycopy(x[0], 0, min, 0, n);
        System.arraycopy(x[0], 0, max, 0, n);
        for (double[] row : x) {
            for (int j = 0; j < n; j++) {
                double v = row[j];
                if (v < min[j]) {
                    min[j] = v;
                }
                if (v > max[j]) {
                    max[j] = v;
                }
            }
        }
    }
}
