package org.vae4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    @Test
    void minimizesAnIllConditionedQuadraticToItsKnownMinimum() {
        // f(x) = 1/2 sum_i a_i (x_i - c_i)^2 with a_i from 1e-3 to 1: minimum c, f = 0
        int n = 50;
        double[] a = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.pow(10, -3.0 * i / (n - 1));
            c[i] = Math.sin(i + 1);
        }
        Lbfgs.Objective quadratic = (x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                g[i] = a[i] * (x[i] - c[i]);
                f += a[i] * (x[i] - c[i]) * (x[i] - c[i]) / 2;
            }
            return f;
        };
        Lbfgs.Result result = new Lbfgs(10, 1e-10, 0, 1000).minimize(quadratic, new double[n]);
        assertEquals(Lbfgs.Stop.GRADIENT, result.stop());
        for (int i = 0; i < n; i++) {
            // |g_i| <= 1e-10 means |x_i - c_i| <= 1e-10 / a_i <= 1e-7
            assertEquals(c[i], result.x()[i], 1e-7, "x_" + i);
        }
        // scipy 1.x L-BFGS-B on the same problem (maxcor=10, gtol=1e-10, ftol=0) takes 286 iterations:
        //   a = 10**(-3*np.arange(50)/49); c = np.sin(np.arange(50)+1)
        //   minimize(lambda x: (0.5*np.sum(a*(x-c)**2), a*(x-c)), np.zeros(50), jac=True,
        //            method='L-BFGS-B', options=dict(maxcor=10, gtol=1e-10, ftol=0, maxiter=10000)).nit
        // this implementation takes 280
        assertTrue(result.iterations() <= 300, result.iterations() + " iterations");
    }

    @Test
    void stopsOnSlowProgressOverTheWindow() {
        // f(x) = x^4 / 4 creeps toward 0: progress over 10 iterations soon falls below ftol
        Lbfgs.Objective quartic = (x, g) -> {
            g[0] = x[0] * x[0] * x[0];
            return x[0] * x[0] * x[0] * x[0] / 4;
        };
        Lbfgs.Result result = new Lbfgs(5, 0, 1e-6, 10_000).minimize(quartic, new double[] {3});
        assertEquals(Lbfgs.Stop.PROGRESS, result.stop());
        assertTrue(result.value() < 1e-4, "f = " + result.value());
        assertTrue(result.iterations() >= Lbfgs.WINDOW);
    }

    @Test
    void minimizesTheRosenbrockFunction() {
        // f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, minimum at (1, 1)
        Lbfgs.Objective rosenbrock = (p, g) -> {
            double x = p[0];
            double y = p[1];
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        };
        Lbfgs.Result result = new Lbfgs(10, 1e-9, 0, 1000).minimize(rosenbrock, new double[] {-1.2, 1});
        assertEquals(1, result.x()[0], 1e-6);
        assertEquals(1, result.x()[1], 1e-6);
    }
}
