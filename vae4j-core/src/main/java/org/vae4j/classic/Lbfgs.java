package org.vae4j.classic;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2006, Algorithm 7.4 and 7.5) with
 * a backtracking Armijo line search, for smooth convex objectives. The search direction is
 * d = -H g from the two-loop recursion over the last {@code memory} pairs s = x' - x, y = g' - g,
 * with H0 = (s^T y / y^T y) I; a pair with s^T y <= 0 is skipped. It stops when max |g_i| <= gtol, when
 * the last {@value #WINDOW} iterations together lowered f by at most ftol * max(|f|, 1) (one iteration
 * alone is a noisy measure of progress), when the line search fails to lower f (the objective's
 * rounding has been reached), or after maxIterations.
 */
final class Lbfgs {

    /** f(x), with its gradient written into {@code gradient}. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /** Why the minimization stopped. */
    enum Stop { GRADIENT, PROGRESS, LINE_SEARCH, ITERATIONS }

    /** The minimizer found, f there, the iterations and evaluations made, and why it stopped. */
    record Result(double[] x, double value, int iterations, int evaluations, Stop stop) {
    }

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 40;
    /** Iterations over which the relative decrease of f is measured. */
    static final int WINDOW = 10;

    private final int memory;
    private final double gtol;
    private final double ftol;
    private final int maxIterations;

    Lbfgs(int memory, double gtol, double ftol, int maxIterations) {
        this.memory = memory;
        this.gtol = gtol;
        this.ftol = ftol;
        this.maxIterations = maxIterations;
    }

    Result minimize(Objective objective, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double f = objective.evaluate(x, g);
        int evaluations = 1;
        double[] history = new double[WINDOW + 1];
        history[0] = f;
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (maxAbs(g) <= gtol) {
                return new Result(x, f, iteration, evaluations, Stop.GRADIENT);
            }
            double[] direction = direction(g, s, y, rho, stored, newest);
            double slope = dot(g, direction);
            if (!(slope < 0)) {
                // not a descent direction (rounding in the stored pairs): restart from steepest descent
                stored = 0;
                direction = direction(g, s, y, rho, 0, newest);
                slope = dot(g, direction);
            }
            double step = 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS; halving++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * direction[i];
                }
                fNew = objective.evaluate(xNew, gNew);
                evaluations++;
                if (fNew <= f + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                return new Result(x, f, iteration, evaluations, Stop.LINE_SEARCH);
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 0) {
                newest = (newest + 1) % memory;
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1 / sy;
                stored = Math.min(memory, stored + 1);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            f = fNew;
            history[(iteration + 1) % (WINDOW + 1)] = f;
            if (iteration + 1 >= WINDOW) {
                double windowDecrease = history[(iteration + 1 - WINDOW) % (WINDOW + 1)] - f;
                if (windowDecrease <= ftol * Math.max(1, Math.abs(f))) {
                    return new Result(x, f, iteration + 1, evaluations, Stop.PROGRESS);
                }
            }
        }
        return new Result(x, f, maxIterations, evaluations, maxAbs(g) <= gtol ? Stop.GRADIENT : Stop.ITERATIONS);
    }

    /** -H g by the two-loop recursion over the {@code stored} newest pairs; -g / |g| when there are none. */
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int newest) {
        int memory = s.length;
        double[] q = g.clone();
        if (stored == 0) {
            double norm = Math.sqrt(dot(g, g));
            for (int i = 0; i < q.length; i++) {
                q[i] = -q[i] / norm;
            }
            return q;
        }
        double[] alpha = new double[memory];
        for (int k = 0; k < stored; k++) {
            int j = Math.floorMod(newest - k, memory);
            alpha[j] = rho[j] * dot(s[j], q);
            axpy(-alpha[j], y[j], q);
        }
        double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
        for (int i = 0; i < q.length; i++) {
            q[i] *= gamma;
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = Math.floorMod(newest - k, memory);
            double beta = rho[j] * dot(y[j], q);
            axpy(alpha[j] - beta, s[j], q);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** y += a x. */
    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
