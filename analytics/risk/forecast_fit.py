"""Fitting the additive count model: non-negative parts, an election multiplier, a negative-binomial spread.

    μ = (1 + γ·e) · Σ_k β_k · x_k        β_k ≥ 0, γ ≥ 0
    N ~ NegBin(mean μ, dispersion α)     Var N = μ + α·μ²,  P(N ≥ 1) = 1 − (1 + α·μ)^(−1/α)

β and γ maximise the Poisson likelihood (scipy SLSQP with bounds; the Poisson mean estimate
stays consistent when counts are over-dispersed); α then maximises the negative-binomial
likelihood given μ (scipy minimize_scalar). Which optional parts enter is chosen by rolling-origin
validation inside the training rows (`select_parts`). Rows here are (desa, origin) pairs; nothing
in this module knows about dates, so it never sees data it should not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

FLOOR = 1e-9  # keeps log μ finite for a desa whose every part is 0 (the base part is bounded above it anyway)


@dataclass(frozen=True)
class CountFit:
    """Fitted weights of the kept parts, the election multiplier γ and the dispersion α (0 = Poisson)."""

    parts: tuple[str, ...]
    beta: np.ndarray
    gamma: float
    alpha: float
    rows: int

    def mean(self, x: dict[str, np.ndarray], e: np.ndarray | float) -> np.ndarray:
        """Return μ for feature arrays x (any shape) and election intensity e."""
        eta = sum(b * x[p] for p, b in zip(self.parts, self.beta))
        return np.maximum((1.0 + self.gamma * np.asarray(e)) * eta, FLOOR)

    def contributions(self, x: dict[str, np.ndarray], e: np.ndarray | float) -> dict[str, np.ndarray]:
        """Return each part's share of μ in kejadian (β_k·x_k), plus 'pemilihan' = γ·e·Σβx; they add up to μ."""
        out = {p: b * x[p] for p, b in zip(self.parts, self.beta)}
        eta = sum(out.values())
        out["pemilihan"] = self.gamma * np.asarray(e) * eta
        return out


def probability_any(mu: np.ndarray, alpha: float) -> np.ndarray:
    """Return P(N ≥ 1) for N negative binomial with mean mu and dispersion alpha (Poisson when alpha is 0)."""
    mu = np.asarray(mu, dtype=float)
    if alpha <= 1e-8:
        return -np.expm1(-mu)
    return -np.expm1(-np.log1p(alpha * mu) / alpha)


def poisson_loglik(mu: np.ndarray, y: np.ndarray) -> float:
    """Return the Poisson log-likelihood of counts y under means mu (the log y! term included)."""
    mu = np.maximum(mu, FLOOR)
    return float(np.sum(y * np.log(mu) - mu - special.gammaln(y + 1.0)))


def negbin_loglik(mu: np.ndarray, y: np.ndarray, alpha: float) -> float:
    """Return the negative-binomial (NB2) log-likelihood of counts y under means mu and dispersion alpha."""
    if alpha <= 1e-8:
        return poisson_loglik(mu, y)
    r = 1.0 / alpha
    mu = np.maximum(mu, FLOOR)
    return float(np.sum(special.gammaln(y + r) - special.gammaln(r) - special.gammaln(y + 1.0)
                        + r * np.log(r / (r + mu)) + y * np.log(mu / (r + mu))))


def _fit_mean(X: np.ndarray, e: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Return (β, γ) maximising the Poisson likelihood with β ≥ 0 (β_0 > 0: column 0 is the base part) and γ ≥ 0."""
    k = X.shape[1]
    scale = np.maximum(X.mean(axis=0), 1e-6)  # columns rescaled to mean 1 so the optimiser sees a round problem
    Z = X / scale
    has_election = bool(np.any(e > 0))

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        beta, gamma = theta[:k], theta[k]
        eta = Z @ beta
        m = 1.0 + gamma * e
        mu = np.maximum(eta * m, FLOOR)
        resid = 1.0 - y / mu
        value = float(np.sum(mu - y * np.log(mu)))
        grad = np.empty(k + 1)
        grad[:k] = Z.T @ (resid * m)
        grad[k] = float(np.sum(resid * eta * e))
        return value / len(y), grad / len(y)

    start = np.r_[np.full(k, max(y.mean(), 1e-3) / k), 0.0]
    bounds = [(1e-6, None)] + [(0.0, None)] * (k - 1) + [(0.0, 20.0 if has_election else 0.0)]
    # SLSQP (bounded): on these ≤ 10-parameter problems it converges in a few ms, where L-BFGS-B's
    # LAPACK calls cost ~4 ms per iteration on a busy machine (OpenBLAS threads); same optimum.
    result = optimize.minimize(objective, start, jac=True, method="SLSQP", bounds=bounds,
                               options={"maxiter": 300, "ftol": 1e-10})
    return result.x[:k] / scale, float(result.x[k])


def fit_dispersion(mu: np.ndarray, y: np.ndarray) -> float:
    """Return the NB dispersion α ≥ 0 maximising the likelihood of y given mu (0 when counts are not over-dispersed)."""
    if len(y) == 0 or y.sum() == 0:
        return 0.0
    result = optimize.minimize_scalar(lambda la: -negbin_loglik(mu, y, float(np.exp(la))), bounds=(-9.0, 3.0),
                                      method="bounded", options={"xatol": 1e-3})
    alpha = float(np.exp(result.x))
    return alpha if negbin_loglik(mu, y, alpha) > poisson_loglik(mu, y) else 0.0


def fit_counts(x: dict[str, np.ndarray], e: np.ndarray, y: np.ndarray, parts: tuple[str, ...]) -> CountFit:
    """Return the fitted model on rows (x[part], e, y all 1-D of equal length); parts[0] must be the base part."""
    X = np.column_stack([x[p] for p in parts])
    beta, gamma = _fit_mean(X, e, y)
    fit = CountFit(parts=parts, beta=beta, gamma=gamma, alpha=0.0, rows=len(y))
    alpha = fit_dispersion(fit.mean(x, e), y)
    return CountFit(parts=parts, beta=beta, gamma=gamma, alpha=alpha, rows=len(y))


def select_parts(x: dict[str, np.ndarray], e: np.ndarray, y: np.ndarray, origin: np.ndarray,
                 base: tuple[str, ...], optional: tuple[str, ...], validation_origins: int,
                 horizon: int = 0) -> tuple[str, ...]:
    """Return base + the optional parts that raise the held-out likelihood on the last validation_origins origins.

    Rolling origin inside the training rows: each candidate set is fitted on the rows whose origin
    comes before the last `validation_origins` distinct origins and scored (NB log-likelihood) on
    those last ones; a fitting row's target window (origin + horizon, origins in days) must end by
    the first held-out origin. With too few origins for both, the base set is returned.
    """
    present = tuple(p for p in optional if np.ptp(x[p]) > 0)
    distinct = np.unique(origin)
    if not present or len(distinct) < validation_origins + 3:
        return base
    cut = distinct[-validation_origins]
    fit_rows, held = origin + horizon <= cut, origin >= cut
    if len(np.unique(origin[fit_rows])) < 3:
        return base
    best, best_ll = base, -np.inf
    for mask in range(2 ** len(present)):
        parts = base + tuple(p for i, p in enumerate(present) if mask >> i & 1)
        sub = {p: x[p][fit_rows] for p in parts}
        fit = fit_counts(sub, e[fit_rows], y[fit_rows], parts)
        ll = negbin_loglik(fit.mean({p: x[p][held] for p in parts}, e[held]), y[held], fit.alpha)
        if ll > best_ll + 1e-9:
            best, best_ll = parts, ll
    return best
