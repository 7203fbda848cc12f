"""Fits the polynomial and rational approximations used by elementwise.c.

Run with /usr/bin/python3 (needs numpy). Prints float32 coefficients and the
worst error in ulp when the approximation is evaluated in float32 as the C
code does. Near-minimax by iteratively reweighted least squares.
"""
import numpy as np


def irls(A, target, weight, iters=60, power=0.3):
    """Least squares of A c ≈ target under weight, reweighted toward the minimax solution."""
    wt = np.ones(len(target))
    best = None
    for _ in range(iters):
        W = wt * weight
        c, *_ = np.linalg.lstsq(A * W[:, None], target * W, rcond=None)
        err = (A @ c - target) * weight
        m = np.abs(err).max()
        if best is None or m < best[0]:
            best = (m, c)
        wt = wt * (np.abs(err) / m) ** power + 1e-12
        wt /= wt.max()
    return best[1]


def horner32(c, x):
    p = np.float32(c[-1])
    for k in range(len(c) - 2, -1, -1):
        p = (p * x + np.float32(c[k])).astype(np.float32)
    return p


def ulps(y, ref):
    ref32 = np.float32(ref)
    return np.abs(y.astype(np.float64) - ref) / np.spacing(np.abs(ref32)).astype(np.float64)


def fit_exp():
    """e^r = 1 + r + r²·P(r), P of degree 4, |r| ≤ ln2/2."""
    a = np.log(2) / 2
    r = np.cos(np.linspace(0, np.pi, 4001)) * a
    r = r[np.abs(r) > 1e-6]
    target = (np.exp(r) - 1 - r) / r**2
    A = np.vander(r, 5, increasing=True)
    c = irls(A, target, r**2 / np.exp(r)).astype(np.float32)
    rr = np.linspace(-a, a, 200001).astype(np.float32)
    y = (rr * rr * horner32(c, rr) + rr + np.float32(1)).astype(np.float32)
    print("exp  e0..e4", [float(v) for v in c], "max ulp", ulps(y, np.exp(rr.astype(np.float64))).max())


def fit_log():
    """log m = 2s + s³·P(s²), s = (m-1)/(m+1), m in [√½, √2), P of degree 3."""
    m = np.linspace(np.sqrt(0.5), np.sqrt(2.0), 200001)
    m = m[np.abs(m - 1) > 1e-9]
    s = (m - 1) / (m + 1)
    z = s * s
    t = np.log(m)
    A = np.vander(z, 4, increasing=True)
    c = irls(A, (t / s - 2) / z, s * z / t).astype(np.float32)
    x = np.linspace(np.sqrt(0.5), np.sqrt(2.0), 300001).astype(np.float32)
    ss = ((x - np.float32(1)) / (x + np.float32(1))).astype(np.float32)
    zz = (ss * ss).astype(np.float32)
    y = (np.float32(2) * ss + ((ss * zz).astype(np.float32) * horner32(c, zz)).astype(np.float32)).astype(np.float32)
    ref = np.log(x.astype(np.float64))
    keep = ref != 0
    print("log  l0..l3", [float(v) for v in c], "max ulp", ulps(y[keep], ref[keep]).max())


def fit_tanh():
    """tanh x = x·P(x²)/Q(x²), P of degree 5, Q of degree 3 with Q(0) = 1, on 0 < x ≤ 9."""
    x = np.concatenate([np.linspace(0, 1, 6000) ** 2 * 9.0, np.linspace(1e-4, 0.1, 500)])
    x = x[x > 0]
    t = np.tanh(x)
    z = x * x
    dp, dq = 5, 3
    wt = np.ones_like(x)
    q_prev = np.ones_like(x)
    best = None
    for _ in range(40):
        # linearised: x·P(z) - t·(Q(z) - 1) = t, weighted toward relative error
        A = np.concatenate([x[:, None] * np.vander(z, dp + 1, increasing=True),
                            -t[:, None] * np.vander(z, dq + 1, increasing=True)[:, 1:]], axis=1)
        W = wt / (t * q_prev)
        c, *_ = np.linalg.lstsq(A * W[:, None], t * W, rcond=None)
        p, q = c[: dp + 1], np.concatenate([[1.0], c[dp + 1:]])
        q_prev = np.polyval(q[::-1], z)
        err = (x * np.polyval(p[::-1], z) / q_prev - t) / t
        m = np.abs(err).max()
        if best is None or m < best[0]:
            best = (m, p, q)
        wt = wt * (np.abs(err) / m) ** 0.25 + 1e-9
        wt /= wt.max()
    p32, q32 = best[1].astype(np.float32), best[2].astype(np.float32)
    xs = np.concatenate([np.linspace(0, 9, 400001), np.logspace(-8, 0, 20001)]).astype(np.float32)
    zz = (xs * xs).astype(np.float32)
    y = ((xs * horner32(p32, zz)).astype(np.float32) / horner32(q32, zz)).astype(np.float32)
    ref = np.tanh(xs.astype(np.float64))
    keep = ref > 0
    print("tanh p0..p5", [float(v) for v in p32], "q1..q3", [float(v) for v in q32[1:]],
          "max ulp", ulps(y[keep], ref[keep]).max())


if __name__ == "__main__":
    fit_exp()
    fit_log()
    fit_tanh()
