package org.vae4j.codec;

/**
 * The standard normal distribution N(0, 1) in double precision: density, CDF, upper tail and quantile.
 *
 * <p>The CDF is W. J. Cody's ANORM (ACM TOMS Algorithm 715, 1993; rational Chebyshev approximations
 * from Cody, Math. Comp. 23, 1969, 631-637), which computes the smaller tail directly, so both tails keep
 * full relative accuracy. The quantile is M. J. Wichura's PPND16 (Algorithm AS 241, Applied Statistics
 * 37, 1988, 477-484) followed by one Newton step on the smaller tail. Everything goes through
 * {@link StrictMath}, so an encoder and a decoder on different JVMs compute bit-identical values (an
 * entropy decoder needs exactly the frequencies the encoder used). Accuracy measured against mpmath
 * (src/test/python/normal_golden.py): see NormalTest.
 */
public final class Normal {

    /** 1 / sqrt(2 pi). */
    static final double INV_SQRT_2PI = 0.39894228040143267794;
    /** Below this |x| the central approximation is used (Cody's THRSH). */
    private static final double CENTRAL = 0.66291;
    /** sqrt(32): above this the asymptotic form in 1/x^2 is used. */
    private static final double ROOT32 = 5.656854248;

    // Cody's ANORM coefficients: central range x * A(x^2) / B(x^2)
    private static final double[] A = {2.2352520354606839287e00, 1.6102823106855587881e02,
        1.0676894854603709582e03, 1.8154981253343561249e04, 6.5682337918207449113e-2};
    private static final double[] B = {4.7202581904688241870e01, 9.7609855173777669322e02,
        1.0260932208618978205e04, 4.5507789335026729956e04};
    // 0.66291 < |x| <= sqrt(32): exp(-x^2/2) C(x) / D(x)
    private static final double[] C = {3.9894151208813466764e-1, 8.8831497943883759412e00,
        9.3506656132177855979e01, 5.9727027639480026226e02, 2.4945375852903726711e03,
        6.8481904505362823326e03, 1.1602651437647350124e04, 9.8427148383839780218e03,
        1.0765576773720192317e-8};
    private static final double[] D = {2.2266688044328115691e01, 2.3538790178262499861e02,
        1.5193775994075548050e03, 6.4855582982667607550e03, 1.8615571640885098091e04,
        3.4900952721145977266e04, 3.8912003286093271411e04, 1.9685429676859990727e04};
    // |x| > sqrt(32): exp(-x^2/2) (1/sqrt(2 pi) - P(1/x^2) / Q(1/x^2) / x^2) / |x|
    private static final double[] P = {2.1589853405795699e-1, 1.274011611602473639e-1,
        2.2235277870649807e-2, 1.421619193227893466e-3, 2.9112874951168792e-5,
        2.307344176494017303e-2};
    private static final double[] Q = {1.28426009614491121e00, 4.68238212480865118e-1,
        6.59881378689285515e-2, 3.78239633202758244e-3, 7.29751555083966205e-5};

    // Wichura's PPND16 coefficients, numerators and denominators in increasing powers of r
    private static final double[] CENTRAL_NUM = {3.3871328727963666080e0, 1.3314166789178437745e2,
        1.9715909503065514427e3, 1.3731693765509461125e4, 4.5921953931549871457e4,
        6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3};
    private static final double[] CENTRAL_DEN = {1.0, 4.2313330701600911252e1,
        6.8718700749205790830e2, 5.3941960214247511077e3, 2.1213794301586595867e4,
        3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3};
    private static final double[] NEAR_NUM = {1.42343711074968357734e0, 4.63033784615654529590e0,
        5.76949722146069140550e0, 3.64784832476320460504e0, 1.27045825245236838258e0,
        2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
    private static final double[] NEAR_DEN = {1.0, 2.05319162663775882187e0,
        1.67638483018380384940e0, 6.89767334985100004550e-1, 1.48103976427480074590e-1,
        1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9};
    private static final double[] FAR_NUM = {6.65790464350110377720e0, 5.46378491116411436990e0,
        1.78482653991729133580e0, 2.96560571828504891230e-1, 2.65321895265761230930e-2,
        1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
    private static final double[] FAR_DEN = {1.0, 5.99832206555887937690e-1,
        1.36929880922735805310e-1, 1.48753612908506148525e-2, 7.86869131145613259100e-4,
        1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15};

    private Normal() {
    }

    /** phi(x) = exp(-x^2 / 2) / sqrt(2 pi). */
    public static double density(double x) {
        return INV_SQRT_2PI * StrictMath.exp(-0.5 * x * x);
    }

    /** Phi(x) = P(Z <= x) for Z ~ N(0, 1); accurate relative to its value in the lower tail too. */
    public static double cdf(double x) {
        if (Math.abs(x) <= CENTRAL) {
            return 0.5 + centralOffset(x);
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? 1.0 : 0.0;
        }
        double smallerTail = upperTail(Math.abs(x));
        return x > 0 ? 1.0 - smallerTail : smallerTail;
    }

    /** 1 - Phi(x) = Phi(-x) = P(Z > x), computed without cancellation for large x. */
    public static double survival(double x) {
        return cdf(-x);
    }

    /**
     * Phi^-1(p): the x with Phi(x) = p; -infinity at p = 0 and +infinity at p = 1.
     *
     * @throws IllegalArgumentException if p is outside [0, 1] or NaN
     */
    public static double quantile(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("a probability must be in [0, 1], got " + p);
        }
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double x = ppnd16(p);
        if (p < 0.5) {
            // Newton on Phi(x) - p = 0: x <- x - (Phi(x) - p) / phi(x)
            return x - (cdf(x) - p) / density(x);
        }
        // on the upper tail: q = 1 - p is exact for p >= 1/2; x <- x + (Q(x) - q) / phi(x)
        double q = 1.0 - p;
        return x + (survival(x) - q) / density(x);
    }

    /** Phi(x) - 1/2 for |x| <= 0.66291: x A(x^2) / B(x^2). */
    private static double centralOffset(double x) {
        double xsq = x * x;
        double num = A[4] * xsq;
        double den = xsq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * xsq;
            den = (den + B[i]) * xsq;
        }
        return x * (num + A[3]) / (den + B[3]);
    }

    /** P(Z > y) for y > 0.66291 (zero once it underflows, near y = 38.5). */
    private static double upperTail(double y) {
        double ratio;
        if (y <= ROOT32) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            ratio = (num + C[7]) / (den + D[7]);
        } else {
            double inv = 1.0 / (y * y);
            double num = P[5] * inv;
            double den = inv;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * inv;
                den = (den + Q[i]) * inv;
            }
            ratio = (INV_SQRT_2PI - inv * (num + P[4]) / (den + Q[4])) / y;
        }
        // exp(-y^2/2) split as exp(-r^2/2) exp(-(y - r)(y + r)/2), r = y rounded down to 1/16, to keep
        // the rounding error of y^2 out of the exponent (Cody)
        double rounded = Math.floor(y * 16.0) / 16.0;
        double rest = (y - rounded) * (y + rounded);
        return StrictMath.exp(-0.5 * rounded * rounded) * StrictMath.exp(-0.5 * rest) * ratio;
    }

    /** Wichura's PPND16 for 0 < p < 1, accurate to about 1e-16 relative. */
    private static double ppnd16(double p) {
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * poly(CENTRAL_NUM, r) / poly(CENTRAL_DEN, r);
        }
        double tail = q < 0 ? p : 1.0 - p;
        double r = StrictMath.sqrt(-StrictMath.log(tail));
        double x = r <= 5.0
                ? poly(NEAR_NUM, r - 1.6) / poly(NEAR_DEN, r - 1.6)
                : poly(FAR_NUM, r - 5.0) / poly(FAR_DEN, r - 5.0);
        return q < 0 ? -x : x;
    }

    /** sum_i c_i r^i by Horner's rule. */
    private static double poly(double[] c, double r) {
        double sum = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            sum = sum * r + c[i];
        }
        return sum;
    }
}
