/*
 * The distribution of the two-sided one-sample KS statistic D_n for finite n: the survival function
 * P(D_n ≥ x) = scipy.stats.kstwo.sf(x, n), which ks_2samp uses for its asymptotic p-value with
 * n = round(n1·n2 / (n1 + n2)). A port of scipy/stats/_ksstats.py (Simard & L'Ecuyer's choice of
 * method by n and n·x²): Ruben–Gambino closed forms at the ends, the Durbin matrix (Marsaglia–Tsang–
 * Wang), Pomeranz's recursion, the Pelz–Good expansion and 2·smirnov(n, x) in the upper tail.
 *
 * scipy's smirnov (xsf/cephes/kolmogorov.h) sums the Birnbaum–Tingey series in double-double
 * arithmetic; here the same terms are summed in float64 through logarithms. The terms it reaches from
 * kstwo are all positive (the lower sum), so the result agrees to about 1e-12 relative.
 */

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const CEPHES_MINLOG = -708.3964185322641;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
const EPS = 2 ** -52;

// Stirling series coefficients B_2j / (2j(2j − 1)), j = 8 … 1 (scipy's _STIRLING_COEFFS).
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

const clip01 = (p: number): number => (p < 0 ? 0 : p > 1 ? 1 : p);

/** x · 2^e without overflowing an intermediate power of two. */
export function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}

/** log(n! / n^n) by Stirling, with n·log n removed up front (no cancellation). */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  const r = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * r + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** n·x as floor and fraction, exactly (Dekker's product), as cephes' modNX does in double-double. */
function floorAndFraction(n: number, x: number): { floor: number; fraction: number } {
  const hi = n * x;
  const split = (v: number): [number, number] => {
    const c = 134217729 * v; // 2^27 + 1
    const big = c - (c - v);
    return [big, v - big];
  };
  const [nh, nl] = split(n);
  const [xh, xl] = split(x);
  const lo = nh * xh - hi + nh * xl + nl * xh + nl * xl;
  let floor = Math.floor(hi);
  if (hi === floor && lo < 0) floor -= 1;
  let fraction = hi - floor + lo;
  if (fraction >= 1) {
    floor += 1;
    fraction = 0;
  }
  return { floor, fraction };
}

/**
 * P(D_n⁺ ≥ x) = scipy.special.smirnov(n, x), the one-sided statistic's survival function, by the
 * Birnbaum–Tingey sum  x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v).
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxFloor, fraction: alpha } = floorAndFraction(n, x);
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) return 1 - x * Math.pow(1 + x, n - 1);
  if (-2 * n * x * x < CEPHES_MINLOG) return 0;
  if (nxFloor >= n - 1) return Math.pow(1 - x, n);
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // Terms up to the last v with 1 − x − v/n > 0 (cephes leaves out v = n(1 − x) exactly: its term is 0).
  const lastV = n - nxFloor - 1;
  // v = 0: x · x^(−1) (1 − x)^n.
  let sum = Math.exp(n * Math.log1p(-x));
  // ln C(n, v) as a running sum, compensated (Neumaier): it reaches ~1e4 for large n, and plain
  // addition would lose 1e-9 relative over a few thousand terms.
  let logBinomial = 0;
  let compensation = 0;
  for (let v = 1; v <= lastV; v++) {
    const step = Math.log((n - v + 1) / v);
    const next = logBinomial + step;
    compensation +=
      Math.abs(logBinomial) >= Math.abs(step) ? logBinomial - next + step : step - next + logBinomial;
    logBinomial = next;
    const term = Math.exp(
      compensation +
        logBinomial +
        Math.log(x) +
        (v - 1) * Math.log(x + v / n) +
        (n - v) * Math.log((n - v) / n - x),
    );
    sum += term;
    // As cephes: stop once the remaining terms cannot change the sum.
    if (term !== 0 && 4 * (lastV - v + 1) * term < EPS * sum && v !== lastV) break;
    if (term === 0 && v > n / 2) break;
  }
  return clip01(sum);
}

/** P(D_n ≤ d) by the Durbin matrix in Marsaglia, Tsang & Wang's form (scipy's _kolmogn_DMTW). */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H: Float64Array = new Float64Array(m * m);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = matmul(power, H, m);
      exponent += hExponent;
    }
    H = matmul(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < H.length; i++) H[i] /= E128;
      hExponent += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      exponent -= 128;
    }
  }
  return clip01(exponent !== 0 ? ldexp(p, exponent) : p);
}

function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j];
    }
  }
  return out;
}

function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** P(D_n ≤ x) by Pomeranz's recursion (scipy's _kolmogn_Pomeranz), for small n. */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let exponent = 0;
  let [j1, j2] = pomeranzBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzBounds(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // The full convolution of V0[k1 − V0s, +ln2) with pwrs[0, ln2), entries [j1 − k1, +(j2 − j1 + 1)).
      const start = k1 - V0s;
      const aLen = Math.max(0, Math.min(ln2, npwrs - start));
      const bLen = Math.min(ln2, npwrs);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let max = 0;
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c;
        let s = 0;
        const lo = Math.max(0, idx - bLen + 1);
        const hi = Math.min(idx, aLen - 1);
        for (let a = lo; a <= hi; a++) s += V0[start + a] * pwrs[idx - a];
        V1[c] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= E128;
        exponent -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let answer = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > E128) {
      answer *= EM128;
      exponent += 128;
    }
    answer *= m;
  }
  return clip01(exponent !== 0 ? ldexp(answer, exponent) : answer);
}

/** The Pelz–Good approximation of P(D_n ≤ x) (scipy's _kolmogn_PelzGood). */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI_SQUARED / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = Math.pow(q, 8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / divisors[i];
  q = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = Math.pow(q, k2);
    k2extra += k2 * qk;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K[2] += (k2extra * PI_SQUARED * SQRT2PI) / (-36 * z3);
  K[3] += (k3extra * PI_SQUARED * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i] / Math.pow(n, i / 2);
  return sum;
}

/**
 * P(D_n ≥ x) = scipy.stats.kstwo.sf(x, n): 1 at or below the support's lower end 1/(2n), 0 at or
 * above 1, else scipy's _kolmogn(n, x, cdf=False).
 */
export function kolmogorovSmirnovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0 || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0.5 / n) return 1;
  const t = n * x;
  if (t <= 1) {
    const cdf =
      n <= 140 ? rubenGambinoProduct(n, t) : Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    return clip01(1 - cdf);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n);
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip01(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip01(1 - pomeranzCdf(n, x));
    return clip01(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  let cdf: number;
  if (nxSquared >= 18) cdf = 1;
  else if (n <= 100_000 && n * x ** 1.5 <= 1.4) cdf = durbinMatrixCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return clip01(1 - cdf);
}

/** n!/n^n · (2t − 1)^n as scipy's np.prod(arange(1, n + 1) / n · (2t − 1)). */
function rubenGambinoProduct(n: number, t: number): number {
  let p = 1;
  for (let i = 1; i <= n; i++) p *= i * (1 / n) * (2 * t - 1);
  return p;
}
