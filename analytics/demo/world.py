"""The demo world's dynamics: who is tense, when, and a self-exciting simulation of incidents.

Daily rate of incidents of cause c in desa d on day t (see docs/demo.md):
    base_d · profile_d,c · season_c(t) · drift_d(t)   persistent tension, slow drift, seasons
  + episode_d,c(t)                                   months-long disputes (plantation, boundary…)
  + election_d(t)                                    contested desa around campaign / vote / recap
  + excitation_d(t)                                  Hawkes: each incident raises its desa's and its
                                                     kecamatan's rate, decaying over ~2 weeks
Everything is drawn from one numpy Generator in a fixed order, so a seed fixes the world.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.demo.text import CAUSES

# Kecamatan character (from geography: town, plantation/coal belt, Sarawak border, remote interior).
KECAMATAN_TYPE = {
    "65.02.02": "kota",
    "65.02.01": "tambang", "65.02.06": "tambang", "65.02.07": "tambang", "65.02.08": "tambang", "65.02.13": "tambang",
    "65.02.03": "perbatasan", "65.02.04": "perbatasan", "65.02.05": "perbatasan", "65.02.09": "perbatasan",
    "65.02.10": "perbatasan", "65.02.11": "perbatasan",
    "65.02.12": "pedalaman", "65.02.14": "pedalaman", "65.02.15": "pedalaman",
}
# Relative weights over CAUSES (lahan, protes, batas, kekerasan, adat, asing, lintas, hoaks, dana, lain)
# and the type's overall level: the town and the coal/plantation belt see most incidents.
TYPE_PROFILE = {
    "kota": ((.05, .20, .02, .35, .08, .03, .00, .17, .05, .05), 2.2),
    "tambang": ((.35, .22, .10, .15, .06, .04, .00, .03, .03, .02), 1.3),
    "perbatasan": ((.08, .05, .08, .12, .07, .25, .30, .02, .05, .03), 0.7),
    "pedalaman": ((.20, .05, .25, .20, .12, .00, .00, .03, .12, .03), 0.45),
}
# Approximate kecamatan centres (lat, lon), rounded to 0.1°: demo points only, never a boundary.
KECAMATAN_CENTRE = {
    "65.02.01": (3.6, 116.3), "65.02.02": (3.6, 116.6), "65.02.03": (2.6, 115.6), "65.02.04": (2.0, 115.6),
    "65.02.05": (1.6, 114.8), "65.02.06": (3.1, 116.5), "65.02.07": (3.7, 116.5), "65.02.08": (3.4, 116.6),
    "65.02.09": (1.4, 115.3), "65.02.10": (1.6, 115.1), "65.02.11": (3.1, 115.8), "65.02.12": (3.8, 116.2),
    "65.02.13": (3.3, 116.5), "65.02.14": (2.9, 116.2), "65.02.15": (3.3, 116.1),
}
BASE_PER_DAY = 0.55  # district-wide incidents per day from persistent tension, before self-excitation
DECAY_DAYS = 12.0  # mean life of the excitation an incident leaves behind
SELF_EXCITE = {"kekerasan": 0.45}  # expected follow-ups in the same desa (revenge fights spread more)
SELF_EXCITE_DEFAULT = 0.3
KEC_EXCITE = 0.15  # expected follow-ups spread over the other desa of the kecamatan
# How many election incidents a contested / an ordinary voting desa is expected to see per election.
ELECTION_LOAD = {"pilkades": (2.0, 0.08), "pemilu": (2.5, 0.15), "pilkada": (2.5, 0.15), "lainnya": (1.0, 0.05)}
CONTESTED_SHARE = {"pilkades": 0.35, "pemilu": 0.25, "pilkada": 0.3, "lainnya": 0.2}
# Month multipliers (Jan..Dec): land clearing in the dry season, fights around Christmas/New Year and
# the October anniversary festival.
SEASON = {
    "lahan": (0.8, 0.8, 0.9, 0.9, 1.0, 1.1, 1.3, 1.4, 1.3, 1.0, 0.8, 0.7),
    "protes": (0.8, 0.9, 0.9, 1.0, 1.0, 1.1, 1.2, 1.3, 1.2, 1.0, 0.9, 0.7),
    "kekerasan": (1.4, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 0.9, 1.3, 0.9, 1.5),
}
ELECTION_CAUSE = len(CAUSES)  # code of an election incident in the simulated cause column


def build_desa(gazetteer_desa: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """Return (desa with tipe, base level and demo point; desa × cause profile of persistent tension)."""
    desa = gazetteer_desa[["kode", "nama", "kode_kecamatan", "kecamatan"]].reset_index(drop=True).copy()
    desa["tipe"] = desa["kode_kecamatan"].map(KECAMATAN_TYPE).fillna("pedalaman")
    weights = np.array([TYPE_PROFILE[t][0] for t in desa["tipe"]])
    level = np.array([TYPE_PROFILE[t][1] for t in desa["tipe"]])
    # Dirichlet around the kecamatan type: each desa leans its own way; a zero weight stays near zero.
    profile = np.vstack([rng.dirichlet(8 * w + 0.02) for w in weights])
    # Heavy-tailed base level: most desa are quiet, a few carry much of the tension.
    base = level * rng.lognormal(-0.45, 0.95, len(desa))
    chronic = rng.choice(len(desa), size=12, replace=False, p=base / base.sum())
    base[chronic] *= 2.0
    desa["base"] = base * BASE_PER_DAY / base.sum()
    centre = np.array([KECAMATAN_CENTRE.get(k, (3.0, 116.0)) for k in desa["kode_kecamatan"]])
    offset = rng.normal(0, 0.06, (len(desa), 2))
    desa["lat"], desa["lon"] = centre[:, 0] + offset[:, 0], centre[:, 1] + offset[:, 1]
    return desa, profile


def build_cause_rate(days: pd.DatetimeIndex, desa: pd.DataFrame, profile: np.ndarray,
                     rng: np.random.Generator) -> np.ndarray:
    """Return days × desa × causes expected daily rates: base, seasons, monthly drift and dispute episodes."""
    n_days, n_desa = len(days), len(desa)
    month = (days.year - days[0].year) * 12 + days.month - days[0].month
    n_months = int(month.max()) + 1
    drift = np.zeros((n_months, n_desa))
    for m in range(1, n_months):  # AR(1) on the log scale: tension wanders for months, then settles
        drift[m] = 0.8 * drift[m - 1] + rng.normal(0, 0.4, n_desa)
    drift = np.exp(drift - 0.4**2 / (2 * (1 - 0.8**2)))  # mean multiplier ≈ 1
    season = np.ones((n_days, len(CAUSES)))
    for cause, by_month in SEASON.items():
        season[:, CAUSES.index(cause)] = np.asarray(by_month)[days.month - 1]
    rate = (desa["base"].to_numpy()[None, :, None] * profile[None, :, :]
            * season[:, None, :] * drift[month][:, :, None])
    add_episodes(rate, desa, profile, rng)
    return rate


def add_episodes(rate: np.ndarray, desa: pd.DataFrame, profile: np.ndarray, rng: np.random.Generator) -> None:
    """Add months-long disputes (land, protest, boundary, adat) to rate in place, mostly where tension is."""
    n_days = rate.shape[0]
    disputes = [CAUSES.index(c) for c in ("lahan", "protes", "batas", "adat")]
    weight = desa["base"].to_numpy() * profile[:, disputes].sum(axis=1)
    for _ in range(rng.poisson(20)):
        d = rng.choice(len(desa), p=weight / weight.sum())
        cause = disputes[rng.choice(len(disputes), p=profile[d, disputes] / profile[d, disputes].sum())]
        length = int(rng.integers(30, 150))
        start = int(rng.integers(0, max(n_days - 30, 1)))
        span = np.arange(start, min(start + length, n_days))
        shape = np.sin(np.pi * (span - start + 0.5) / length)  # flares up, peaks, dies down
        expected = rng.uniform(4, 14)  # incidents the dispute produces over its life
        rate[span, d, cause] += expected * shape / shape.sum() * 0.75
        # Land disputes spill into blockades and protests at the company gate.
        if CAUSES[cause] == "lahan":
            rate[span, d, CAUSES.index("protes")] += expected * shape / shape.sum() * 0.25


def build_election_rate(days: pd.DatetimeIndex, desa: pd.DataFrame, waves: pd.DataFrame, member: np.ndarray,
                        stages: pd.DataFrame, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Return (days × desa election incident rate, days × desa index of the wave driving it, -1 if none)."""
    n_days, n_desa = len(days), len(desa)
    rate = np.zeros((n_days, n_desa))
    wave_of = np.full((n_days, n_desa), -1)
    t = np.arange(n_days)
    for i, wave in waves.iterrows():
        voters = np.flatnonzero(member[i])
        vote = (wave["vote"] - days[0]).days
        mine = stages[(stages["election_id"] == wave["election_id"]) & (stages["putaran"] == wave["putaran"])]
        first = (mine["mulai"].min() - days[0]).days
        last = (mine["selesai"].max() - days[0]).days
        start, stop = min(first, vote - 45), last + 21  # tension from nomination to the end of disputes over results
        if voters.size == 0 or stop < 0 or start >= n_days:
            continue
        campaign = mine[mine["tahap"] == "kampanye"]
        in_campaign = np.zeros(n_days, dtype=bool)
        for _, stage in campaign.iterrows():
            in_campaign |= (t >= (stage["mulai"] - days[0]).days) & (t <= (stage["selesai"] - days[0]).days)
        # Peak on the vote, slower decay after it (counting, recapitulation, objections).
        shape = np.where(t < vote, np.exp(-(vote - t) / 10.0), np.exp(-(t - vote) / 14.0)) + 0.25 * in_campaign
        shape[(t < start) | (t > stop)] = 0.0
        if shape.sum() == 0:
            continue
        shape /= shape.sum()
        heavy, light = ELECTION_LOAD.get(wave["jenis"], ELECTION_LOAD["lainnya"])
        # Contested desa: more likely where there is already tension and in the town.
        pull = desa["base"].to_numpy()[voters] ** 0.5
        n_contested = max(1, int(round(CONTESTED_SHARE.get(wave["jenis"], 0.2) * voters.size)))
        contested = rng.choice(voters, size=n_contested, replace=False, p=pull / pull.sum())
        load = np.full(n_desa, 0.0)
        load[voters] = light
        load[contested] = heavy * rng.lognormal(0, 0.5, contested.size)
        wave_rate = shape[:, None] * load[None, :]
        wave_of[wave_rate > rate] = i
        rate += wave_rate
    return rate, wave_of


def simulate_events(cause_rate: np.ndarray, election_rate: np.ndarray, desa: pd.DataFrame,
                    profile: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Return simulated incidents (day, desa, cause) of the self-exciting process, in day order."""
    n_days, n_desa, n_causes = cause_rate.shape
    background = rng.poisson(cause_rate)  # days × desa × causes, independent of history
    elected = rng.poisson(election_rate)
    kec = pd.factorize(desa["kode_kecamatan"])[0]
    same_kec = (kec[:, None] == kec[None, :]).astype(float)
    np.fill_diagonal(same_kec, 0.0)
    neighbours = np.maximum(same_kec.sum(axis=1, keepdims=True), 1.0)
    spread = same_kec / neighbours * KEC_EXCITE  # row d: follow-ups in the other desa of d's kecamatan
    self_gain = np.array([SELF_EXCITE.get(c, SELF_EXCITE_DEFAULT) for c in CAUSES] + [SELF_EXCITE_DEFAULT])
    decay = np.exp(-1.0 / DECAY_DAYS)
    excitation = np.zeros(n_desa)
    last_cause = np.full(n_desa, -1)
    days_out, desa_out, cause_out = [], [], []
    for t in range(n_days):
        triggered = rng.poisson(excitation)
        counts = background[t].sum(axis=1) + elected[t] + triggered
        today = np.zeros((n_desa, n_causes + 1))
        today[:, :n_causes] = background[t]
        today[:, n_causes] = elected[t]
        for d in np.flatnonzero(triggered):
            for _ in range(triggered[d]):
                # A follow-up mostly repeats what last happened there (retaliation, the same dispute).
                # An election follow-up only while that election's tension lasts.
                repeat = last_cause[d] >= 0 and (last_cause[d] < n_causes or election_rate[t, d] > 0)
                if repeat and rng.random() < 0.7:
                    c = last_cause[d]
                else:
                    c = rng.choice(n_causes, p=profile[d])
                today[d, c] += 1
        for d in np.flatnonzero(counts):
            for c in np.flatnonzero(today[d]):
                k = int(today[d, c])
                days_out += [t] * k
                desa_out += [d] * k
                cause_out += [c] * k
                last_cause[d] = c
        gain = today @ self_gain
        excitation = excitation * decay + (gain + spread.T @ today.sum(axis=1)) / DECAY_DAYS
    return pd.DataFrame({"day": days_out, "desa": desa_out, "cause": cause_out})
