#!/usr/bin/env python3
"""Golden values for org.vae4j.codec.Normal, computed with mpmath at 50 significant digits.

Writes src/test/resources/org/vae4j/codec/normal-golden.csv (run from vae4j-codec/src/test):
    python3 python/normal_golden.py > resources/org/vae4j/codec/normal-golden.csv
Every argument is first rounded to the double Java parses from the same text, so the values are exact
for the Java inputs. Rows: function,argument,value with function in {cdf, density, quantile}; the values are printed with 20
significant digits, more than a double holds.
"""
import mpmath

mpmath.mp.dps = 50

cdf_points = ["-37.5", "-30", "-20", "-12.5", "-8", "-6", "-5.656854248", "-5", "-3.3", "-1.96",
              "-1", "-0.66291", "-0.5", "-1e-10", "0", "1e-10", "0.25", "0.66291", "0.7", "1", "1.5",
              "2", "3", "4", "5", "5.7", "7", "8.25"]
density_points = ["-30", "-3", "-1", "0", "0.5", "2", "10"]
quantile_points = ["1e-300", "1e-100", "1e-40", "1e-20", "1e-12", "1e-8", "1e-5", "0.0001", "0.001",
                   "0.025", "0.05", "0.075", "0.1", "0.25", "0.3", "0.49", "0.5", "0.51", "0.6", "0.75",
                   "0.9", "0.924", "0.975", "0.999", "0.999999", "0.9999999999"]


def row(name, arg, value):
    print(f"{name},{arg},{mpmath.nstr(value, 20, min_fixed=0, max_fixed=0)}")


print("function,argument,value")
for s in cdf_points:
    row("cdf", s, mpmath.ncdf(mpmath.mpf(float(s))))
for s in density_points:
    row("density", s, mpmath.npdf(mpmath.mpf(float(s))))
for s in quantile_points:
    # the Java side receives the double nearest to s: invert the CDF at exactly that double (through
    # log Phi in the far tail, where findroot's absolute tolerance would accept any tiny Phi)
    p = mpmath.mpf(float(s))
    row("quantile", s, -mpmath.sqrt(2) * mpmath.erfinv(1 - 2 * p) if p > 1e-30 else
        mpmath.findroot(lambda x: mpmath.log(mpmath.ncdf(x)) - mpmath.log(p), -mpmath.sqrt(-2 * mpmath.log(p))))
