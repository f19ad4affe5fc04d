"""Norepinephrine released around noradrenergic terminals, and where it goes: a small ODE model.

One well-mixed extracellular compartment stands for the cleft and the space around the
terminals. Concentrations and amounts are in nM (amounts as nM of that extracellular
volume), times in s. With C the extracellular NE, N the NE recaptured into the neuron's
cytosol and G the NE taken up by non-neuronal cells:

    dC/dt = J_release + J_reverse - J_NET - J_uptake2 - J_diffusion
    dN/dt = J_NET - J_VMAT2 - J_MAO
    dG/dt = J_uptake2 - J_COMT

    J_release   = q r(t) (1 - a_max A_auto)        exocytosis, damped by alpha-2 autoreceptors
    A_auto      = (C/K_a2 + x_ag) / (1 + C/K_a2 + x_ag + x_ant)   (Gaddum: NE, agonist, blocker)
    J_reverse   = rho R_max                          NET running backwards (a releaser)
    J_NET       = act Vmax (1 - theta) C / (Km + (1 - theta) C)   competitive inhibition
    J_uptake2   = k_2 C      J_diffusion = k_d C
    J_VMAT2     = k_v N      J_MAO = mao k_m N      J_COMT = comt k_c G

r(t) is the firing rate (spikes/s): constant while the neuron fires ("tonic"), or the same
number of spikes packed into short bursts ("burst"). Release is a smoothed rate, which holds
when clearance (seconds) is slower than the interval between spikes. theta is the fraction of
NET occupied by a competitive inhibitor (Km_app = Km / (1 - theta)); a releaser occupying a
fraction rho also blocks uptake. The non-NET routes are tied to NET: at low C NET does a share
``net_share_fraction`` of clearance, so k_2 + k_d = (Vmax/Km)(1 - share)/share.

Cumulative amounts (released, recaptured, taken up by uptake-2, diffused, repackaged,
deaminated, O-methylated, and the time integral of C) are ODE states too, so mass balance is
checked on the solver's own numbers.

Every parameter is a row of the registry (``book/data/parameters.csv``, rows ``synapse.*``,
with its status and source); :class:`SynapseParameters` holds them, defaults from there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from book.data.parameters import value
from book.models.receptors import gaddum_shares
from book.models.records import registry_record
from book.models.validation import check_choice, check_number

MODES = ("tonic", "burst")
MAX_RATE_HZ = 100.0
MAX_DURATION_S = 600.0


def _half_time_s(vmax: float, km: float, k_other: float, start_nM: float) -> float:
    """Time for C to fall from start to start/2 under dC/dt = -Vmax C/(Km+C) - k_other C.

    The integral of (Km + C) / (C (a + b C)) with a = Vmax + k_other Km and b = k_other is
    (Km/a) ln 2 + (1/b - Km/a) ln((a + b C0) / (a + b C0/2)).
    """
    a, b = vmax + k_other * km, k_other
    first = km / a * math.log(2.0)
    if b == 0:
        return first + (start_nM / 2) / a
    return first + (1.0 / b - km / a) * math.log((a + b * start_nM) / (a + b * start_nM / 2))


def non_net_rate_per_s(vmax_nM_per_s: float, km_nM: float, net_share_fraction: float) -> float:
    """First-order rate (1/s) of the routes other than NET: (Vmax/Km) (1 - share) / share."""
    return vmax_nM_per_s / km_nM * (1.0 - net_share_fraction) / net_share_fraction


@lru_cache(maxsize=16)
def net_vmax_for_half_time_nM_per_s(
    half_time_s: float = value("synapse.clearance_half_time_s"),
    start_nM: float = value("synapse.calibration_peak_nM"),
    km_nM: float = value("synapse.net_km_nM"),
    net_share_fraction: float = value("synapse.net_share_fraction"),
) -> float:
    """The NET Vmax (nM/s) for which NE at ``start_nM`` halves in ``half_time_s``.

    The non-NET routes are tied to NET's (:func:`non_net_rate_per_s`), so NET takes
    ``net_share_fraction`` of clearance at low concentration. Solved with brentq on the
    closed-form half-time of Michaelis-Menten plus first-order decay. This is how the
    registry's ``synapse.net_vmax_nM_per_s`` is derived (palij1994).
    """
    half = check_number("half_time_s", half_time_s, 0.0, 3600.0, low_open=True)
    start = check_number("start_nM", start_nM, 0.0, 1e6, low_open=True)
    km = check_number("km_nM", km_nM, 0.0, 1e6, low_open=True)
    share = check_number("net_share_fraction", net_share_fraction, 0.0, 1.0, low_open=True)

    def error(vmax: float) -> float:
        return _half_time_s(vmax, km, non_net_rate_per_s(vmax, km, share), start) - half

    return float(brentq(error, 1e-6, 1e7, xtol=1e-12, rtol=1e-12))


def linear_net_vmax_nM_per_s(
    half_time_s: float = value("synapse.clearance_half_time_s"),
    km_nM: float = value("synapse.net_km_nM"),
    net_share_fraction: float = value("synapse.net_share_fraction"),
) -> float:
    """Vmax (nM/s) by the linear-regime rule Vmax/Km = share x ln 2 / t_half (valid for C << Km)."""
    return net_share_fraction * math.log(2.0) / half_time_s * km_nM


class SynapseParameters(
    registry_record(
        "SynapseParameters", "synapse",
        shared={"autoreceptor_k_nM": "receptors.ne_k_alpha2a_nM"},
        positive=("net_km_nM", "net_vmax_nM_per_s", "net_share_fraction", "autoreceptor_k_nM",
                  "burst_period_s", "burst_duty_fraction"),
    )
):  # fmt: skip
    """The synapse model's constants: every registry row ``synapse.*`` (units in the names)
    and NE's alpha-2A constant for the autoreceptor, each defaulting to its registry value."""

    @property
    def other_rate_per_s(self) -> float:
        """k_2 + k_d: first-order clearance by uptake-2 and diffusion together (1/s)."""
        return non_net_rate_per_s(self.net_vmax_nM_per_s, self.net_km_nM, self.net_share_fraction)

    @property
    def uptake2_rate_per_s(self) -> float:
        return self.other_rate_per_s * self.uptake2_of_rest_fraction

    @property
    def diffusion_rate_per_s(self) -> float:
        return self.other_rate_per_s * (1.0 - self.uptake2_of_rest_fraction)


DEFAULTS = SynapseParameters()


def net_share_range() -> tuple[float, float]:
    """The recaptured share from the mean +/- SD of re-uptake and spillover (eisenhofer1991)."""
    up, up_sd = (
        value("synapse.reuptake_pmol_per_min_kg"),
        value("synapse.reuptake_sd_pmol_per_min_kg"),
    )
    out, out_sd = (value("synapse.spillover_pmol_per_min_kg"),
                   value("synapse.spillover_sd_pmol_per_min_kg"))  # fmt: skip
    return (up - up_sd) / (up - up_sd + out + out_sd), (up + up_sd) / (up + up_sd + out - out_sd)


def net_inhibition(inhibitor_nM: float, ki_nM: float) -> float:
    """Fraction of NET occupied by a competitive inhibitor: [I] / ([I] + Ki)."""
    conc = check_number("inhibitor_nM", inhibitor_nM, 0.0, 1e9)
    ki = check_number("ki_nM", ki_nM, 0.0, 1e9, low_open=True)
    return conc / (conc + ki)


def apparent_km_nM(
    inhibitor_nM: float, ki_nM: float, km_nM: float = value("synapse.net_km_nM")
) -> float:
    """Competitive inhibition raises the apparent Km: Km (1 + [I]/Ki)."""
    conc = check_number("inhibitor_nM", inhibitor_nM, 0.0, 1e9)
    ki = check_number("ki_nM", ki_nM, 0.0, 1e9, low_open=True)
    km = check_number("km_nM", km_nM, 0.0, 1e9, low_open=True)
    return km * (1.0 + conc / ki)


@dataclass(frozen=True)
class Conditions:
    """What a setting changes: transporter, enzymes, feedback and alpha-2 drugs (fractions).

    ``net_blocked``: NET occupied by a competitive inhibitor; ``reverse_transport``: NET
    occupied by a releaser (it blocks uptake too); ``alpha2_agonist_odds`` and
    ``alpha2_antagonist_odds``: c/K of a drug at the alpha-2 autoreceptor.
    """

    net_activity: float = 1.0
    net_blocked: float = 0.0
    reverse_transport: float = 0.0
    mao_activity: float = 1.0
    comt_activity: float = 1.0
    autoreceptor: bool = True
    alpha2_agonist_odds: float = 0.0
    alpha2_antagonist_odds: float = 0.0

    def __post_init__(self) -> None:
        check_number("net_activity", self.net_activity, 0.0, 5.0)
        check_number("inhibition", self.net_blocked, 0.0, 1.0)
        check_number("reverse_transport", self.reverse_transport, 0.0, 1.0)
        check_number("mao_activity", self.mao_activity, 0.0, 5.0)
        check_number("comt_activity", self.comt_activity, 0.0, 5.0)
        check_number("alpha2_agonist_odds", self.alpha2_agonist_odds, 0.0, 1e6)
        check_number("alpha2_antagonist_odds", self.alpha2_antagonist_odds, 0.0, 1e6)
        if not isinstance(self.autoreceptor, bool | np.bool_):
            raise ValueError(f"autoreceptor must be True or False; got {self.autoreceptor!r}")


def _exocytosis(c: float, spikes_per_s: float, p: SynapseParameters, k: Conditions) -> float:
    """J_release: q r (1 - a_max A_auto), A_auto from NE and any alpha-2 drug (Gaddum)."""
    if spikes_per_s <= 0.0:
        return 0.0
    a_max = p.autoreceptor_max_inhibition_fraction if k.autoreceptor else 0.0
    ne, agonist, _ = gaddum_shares(
        c / p.autoreceptor_k_nM, k.alpha2_agonist_odds, k.alpha2_antagonist_odds
    )
    return p.release_per_spike_nM * spikes_per_s * (1.0 - a_max * float(ne + agonist))


def _net_uptake(c: float, p: SynapseParameters, k: Conditions) -> float:
    """J_NET: competitive block of a fraction of NET raises the apparent Km."""
    free = 1.0 - max(k.net_blocked, k.reverse_transport)
    vmax = p.net_vmax_nM_per_s * k.net_activity
    return vmax * free * c / (p.net_km_nM + free * c)


def steady_state_nM(
    rate_Hz: float = value("lc.tonic_rate_Hz"),
    conditions: Conditions | None = None,
    params: SynapseParameters = DEFAULTS,
) -> float:
    """Extracellular NE (nM) where release balances clearance during steady tonic firing.

    The plateau of :func:`simulate` with the same firing, conditions and parameters (tested):
    the root of J_release(C) + J_reverse - J_NET(C) - (k_2 + k_d) C = 0.
    """
    rate = check_number("rate_Hz", rate_Hz, 0.0, MAX_RATE_HZ)
    return _steady_state(rate, conditions or Conditions(), params)


@lru_cache(maxsize=4096)
def _steady_state(rate: float, k: Conditions, p: SynapseParameters) -> float:
    reverse = k.reverse_transport * p.reverse_transport_max_nM_per_s

    def balance(c: float) -> float:
        return _exocytosis(c, rate, p, k) + reverse - _net_uptake(c, p, k) - p.other_rate_per_s * c

    if balance(0.0) <= 0.0:
        return 0.0
    high = (p.release_per_spike_nM * rate + reverse) / p.other_rate_per_s + 1.0
    return float(brentq(balance, 0.0, high, xtol=1e-9, rtol=1e-10))


# State vector layout.
C, N, G, REL, REV, U1, U2, DIFF, VES, MAO, COMT, AUC = range(12)
N_STATES = 12


@dataclass(frozen=True)
class SynapseResult:
    """One simulation: the extracellular NE trace and where the released NE went (nM)."""

    time_s: np.ndarray
    cleft_nM: np.ndarray
    firing_s: float
    released_nM: float  # by exocytosis and by reverse transport, cumulative
    reverse_transport_nM: float  # the part released by NET running backwards
    recaptured_nM: float  # taken back into the neuron by NET
    uptake2_nM: float  # taken up by non-neuronal cells
    diffused_nM: float  # diffused away (towards the blood: spillover)
    repackaged_nM: float  # recaptured NE moved back into vesicles by VMAT2
    deaminated_nM: float  # recaptured NE deaminated by MAO-A (to DHPG)
    methylated_nM: float  # extraneuronal NE O-methylated by COMT (to normetanephrine)
    in_neuron_nM: float  # recaptured, still in the cytosol at the end
    in_other_cells_nM: float  # taken up by uptake-2, not yet O-methylated
    remaining_nM: float  # still extracellular at the end
    peak_nM: float
    mean_nM: float  # time average of extracellular NE over the whole simulation
    decay_half_time_s: float  # after firing stops; NaN if NE has not halved by the end

    @property
    def degraded_nM(self) -> float:
        return self.deaminated_nM + self.methylated_nM

    @property
    def fraction_recaptured(self) -> float:
        """Recaptured / released (0 if nothing was released)."""
        return self.recaptured_nM / self.released_nM if self.released_nM > 0 else 0.0

    def fates(self) -> dict[str, float]:
        """Where the released NE is at the end (nM); the values sum to ``released_nM``."""
        return {
            "repackaged": self.repackaged_nM,
            "deaminated": self.deaminated_nM,
            "methylated": self.methylated_nM,
            "diffused": self.diffused_nM,
            "inside cells": self.in_neuron_nM + self.in_other_cells_nM,
            "extracellular": self.remaining_nM,
        }

    def mass_balance_error(self) -> float:
        """Relative error of released = recaptured + uptake-2 + diffused + remaining, and of
        recaptured + uptake-2 = repackaged + deaminated + methylated + still in cells."""
        if self.released_nM == 0:
            return 0.0
        outer = self.recaptured_nM + self.uptake2_nM + self.diffused_nM + self.remaining_nM
        inner = (
            self.repackaged_nM
            + self.deaminated_nM
            + self.methylated_nM
            + self.in_neuron_nM
            + self.in_other_cells_nM
        )
        return max(
            abs(outer - self.released_nM),
            abs(inner - self.recaptured_nM - self.uptake2_nM),
        ) / abs(self.released_nM)


def _segments(rate_Hz: float, mode: str, firing_s: float, duration_s: float,
              p: SynapseParameters):  # fmt: skip
    """Piecewise-constant firing: a list of (start, end, instantaneous rate in Hz)."""
    pieces: list[tuple[float, float, float]] = []
    if rate_Hz > 0 and firing_s > 0:
        if mode == "tonic":
            pieces.append((0.0, firing_s, rate_Hz))
        else:
            burst_rate = rate_Hz / p.burst_duty_fraction
            start = 0.0
            while start < firing_s - 1e-12:
                on_end = min(start + p.burst_duty_fraction * p.burst_period_s, firing_s)
                pieces.append((start, on_end, burst_rate))
                off_end = min(start + p.burst_period_s, firing_s)
                if off_end > on_end:
                    pieces.append((on_end, off_end, 0.0))
                start += p.burst_period_s
    last = pieces[-1][1] if pieces else 0.0
    if duration_s > last:
        pieces.append((last, duration_s, 0.0))
    return pieces


def simulate(
    rate_Hz: float = value("lc.tonic_rate_Hz"),
    mode: str = "tonic",
    firing_s: float = value("protocol.firing_s"),
    duration_s: float = value("protocol.duration_s"),
    net_activity: float = 1.0,
    inhibition: float = 0.0,
    reverse_transport: float = 0.0,
    mao_activity: float = 1.0,
    comt_activity: float = 1.0,
    autoreceptor: bool = True,
    n_points: int = 151,
    params: SynapseParameters = DEFAULTS,
    alpha2_agonist_odds: float = 0.0,
    alpha2_antagonist_odds: float = 0.0,
) -> SynapseResult:
    """Simulate NE around noradrenergic terminals firing at ``rate_Hz`` for ``firing_s``.

    ``net_activity``: NET Vmax as a multiple of normal (0 to 5). ``inhibition``: fraction of
    NET occupied by a competitive inhibitor (0 to 1). ``reverse_transport``: fraction of NET
    occupied by a releaser such as amphetamine (0 to 1); it blocks NE uptake like an
    inhibitor and drives NET-mediated efflux. ``mao_activity``, ``comt_activity``: enzyme
    activity as a multiple of normal (0 to 5). ``autoreceptor``: alpha-2 feedback on release;
    ``alpha2_agonist_odds``/``alpha2_antagonist_odds``: an alpha-2 drug's c/K there.
    ``params``: the model's constants (registry defaults). Returns the extracellular NE at
    ``n_points`` evenly spaced times from 0 to ``duration_s`` and the fate of every released
    molecule at the end.
    """
    rate = check_number("rate_Hz", rate_Hz, 0.0, MAX_RATE_HZ)
    mode = check_choice("mode", mode, MODES)
    duration = check_number("duration_s", duration_s, 0.0, MAX_DURATION_S, low_open=True)
    firing = check_number("firing_s", firing_s, 0.0, duration)
    points = int(check_number("n_points", n_points, 2, 20_000))
    if not isinstance(params, SynapseParameters):
        raise ValueError(f"params must be SynapseParameters; got {type(params).__name__}")
    k = Conditions(net_activity, inhibition, reverse_transport, mao_activity, comt_activity,
                   autoreceptor, alpha2_agonist_odds, alpha2_antagonist_odds)  # fmt: skip
    p = params
    k_2, k_d = p.uptake2_rate_per_s, p.diffusion_rate_per_s
    k_v, k_m, k_c = (
        p.vmat2_rate_per_s,
        p.mao_rate_per_s * k.mao_activity,
        (p.comt_rate_per_s * k.comt_activity),
    )
    reverse = k.reverse_transport * p.reverse_transport_max_nM_per_s

    def rhs(_t: float, y: np.ndarray, spikes_per_s: float) -> list[float]:
        c = y[C] if y[C] > 0.0 else 0.0
        exo = _exocytosis(c, spikes_per_s, p, k)
        j_net = _net_uptake(c, p, k)
        j_2, j_d = k_2 * c, k_d * c
        j_v, j_m, j_c = k_v * y[N], k_m * y[N], k_c * y[G]
        return [
            exo + reverse - j_net - j_2 - j_d,
            j_net - j_v - j_m,
            j_2 - j_c,
            exo + reverse,
            reverse,
            j_net,
            j_2,
            j_d,
            j_v,
            j_m,
            j_c,
            c,
        ]

    times = np.linspace(0.0, duration, points)
    cleft = np.zeros(points)
    y = np.zeros(N_STATES)
    peak = 0.0
    stop_value = None
    decay_half = math.nan
    for start, end, spikes in _segments(rate, mode, firing, duration, p):
        inside = (times > start) & (times <= end)
        if spikes == 0.0 and reverse == 0.0 and not np.any(y[:3] > 0.0):
            continue  # nothing released and nothing to move: every state stays at zero
        events = None
        if start >= firing and stop_value is None:
            stop_value = float(y[C])
            if stop_value > 0.0:

                def halved(_t, state, _spikes, target=stop_value / 2):
                    return state[C] - target

                halved.direction = -1
                events = halved
        t_eval = times[inside]
        if not t_eval.size or t_eval[-1] < end:
            t_eval = np.append(t_eval, end)  # the state at the segment's end carries over
        solution = solve_ivp(
            rhs,
            (start, end),
            y,
            method="LSODA",
            t_eval=t_eval,
            args=(spikes,),
            rtol=1e-7,
            atol=1e-9,
            events=events,
        )
        if not solution.success:  # pragma: no cover - LSODA does not fail on this system
            raise RuntimeError(f"the ODE solver failed: {solution.message}")
        cleft[inside] = solution.y[C, : int(inside.sum())]
        peak = max(peak, float(solution.y[C].max()))
        y = solution.y[:, -1]
        if events is not None and solution.t_events[0].size:
            decay_half = float(solution.t_events[0][0] - firing)
    cleft = np.maximum(cleft, 0.0)
    return SynapseResult(
        time_s=times,
        cleft_nM=cleft,
        firing_s=firing,
        released_nM=float(y[REL]),
        reverse_transport_nM=float(y[REV]),
        recaptured_nM=float(y[U1]),
        uptake2_nM=float(y[U2]),
        diffused_nM=float(y[DIFF]),
        repackaged_nM=float(y[VES]),
        deaminated_nM=float(y[MAO]),
        methylated_nM=float(y[COMT]),
        in_neuron_nM=float(y[N]),
        in_other_cells_nM=float(y[G]),
        remaining_nM=float(y[C]),
        peak_nM=peak,
        mean_nM=float(y[AUC]) / duration,
        decay_half_time_s=decay_half,
    )
